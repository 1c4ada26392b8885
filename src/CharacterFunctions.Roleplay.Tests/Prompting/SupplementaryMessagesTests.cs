using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Prompting;
using static CharacterFunctions.Roleplay.Tests.Prompting.PromptTestData;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

/// <summary>
/// Lorebook entries and post-history instructions: supplementary system messages placed before the
/// last user message (or event) of one call, never stored, so the cached prefix is untouched.
/// </summary>
public sealed class SupplementaryMessagesTests
{
    private static readonly Player Alice = new("p-1", "Alice");

    private static readonly CharacterProfile Seraphina = Character("seraphina", "Seraphina", "You are {{char}}, talking with {{user}}.") with
    {
        Lorebook = new Lorebook
        {
            Entries =
            [
                new LorebookEntry { Keys = ["wolf", "shadow wolves"], Content = "Shadow wolves fear {{char}}'s light.", InsertionOrder = 20 },
                new LorebookEntry { Keys = ["glade"], Content = "The glade is hidden.", InsertionOrder = 10 },
                new LorebookEntry { Content = "Eldoria is an enchanted forest.", Constant = true, InsertionOrder = 5 },
                new LorebookEntry { Keys = ["river"], Content = "The river is cursed.", Enabled = false },
            ],
        },
    };

    private static (string Role, string Content, bool? Partial)[] Shape(BuiltPrompt built) =>
        [.. built.Call.Body.Messages.Select(m => (m.Role, m.Content, m.Partial))];

    [Fact]
    public void Build_TurnWithKeyword_EntriesInOrderBeforeTheUserMessageMacrosResolved()
    {
        var history = new List<TranscriptMessage> { Opening(1, Seraphina, "You are safe now.") };

        var built = Builder().Build(Context(OneToOne("s-1", Seraphina, Alice), Seraphina, history, [User(2, Alice, "Was that a WOLF in the glade?")]));

        Assert.Equal(
        [
            ("system", "You are Seraphina, talking with Alice.", null),
            ("assistant", "You are safe now.", null),
            ("system", "Eldoria is an enchanted forest.\n\nThe glade is hidden.\n\nShadow wolves fear Seraphina's light.", null),
            ("user", "Was that a WOLF in the glade?", null),
        ], Shape(built));
    }

    [Fact]
    public void Build_NextTurn_EarlierInjectionIsNotReplayedSoThePrefixIsUnchanged()
    {
        var first = Builder().Build(Context(OneToOne("s-1", Seraphina, Alice), Seraphina,
            [Opening(1, Seraphina, "You are safe now.")], [User(2, Alice, "A wolf!")]));
        var second = Builder().Build(Context(OneToOne("s-1", Seraphina, Alice), Seraphina,
            [Opening(1, Seraphina, "You are safe now."), User(2, Alice, "A wolf!"), Reply(3, Seraphina, "Stay close.")], [User(4, Alice, "Okay.")]));

        Assert.Equal(
        [
            ("system", "You are Seraphina, talking with Alice.", null),
            ("assistant", "You are safe now.", null),
            ("user", "A wolf!", null),
            ("assistant", "Stay close.", null),
            ("system", "Eldoria is an enchanted forest.", null),
            ("user", "Okay.", null),
        ], Shape(second));
        // The first call's messages up to its injection are the second call's prefix.
        Assert.Equal(Shape(first)[..2], Shape(second)[..2]);
    }

    [Fact]
    public void Build_PostHistoryInstructions_AfterLorebookAndAfterPendingEvents()
    {
        var character = Seraphina with { PostHistoryInstructions = "Stay in character as {{char}}; address {{user}} by name." };

        var built = Builder().Build(Context(OneToOne("s-1", character, Alice), character, [],
            [Event(1, "Night falls over the glade."), User(2, Alice, "Hello?")]));

        Assert.Equal(
        [
            ("system", "You are Seraphina, talking with Alice.", null),
            ("system", "Night falls over the glade.", null),
            ("system", "Eldoria is an enchanted forest.\n\nThe glade is hidden.", null),
            ("system", "Stay in character as Seraphina; address Alice by name.", null),
            ("user", "Hello?", null),
        ], Shape(built));
    }

    [Fact]
    public void Build_EventReaction_TriggeredByTheEventAndPlacedBeforeIt()
    {
        var built = Builder().Build(Context(OneToOne("s-1", Seraphina, Alice), Seraphina,
            [Opening(1, Seraphina, "Hello.")], [Event(2, "Shadow wolves howl nearby.")], PromptKind.EventReaction));

        Assert.Equal(
        [
            ("system", "You are Seraphina, talking with Alice.", null),
            ("assistant", "Hello.", null),
            ("system", "Eldoria is an enchanted forest.\n\nShadow wolves fear Seraphina's light.", null),
            ("system", "Shadow wolves howl nearby.", null),
            ("assistant", "Seraphina:", true),
        ], Shape(built));
    }

    [Fact]
    public void Build_IdleNudge_ScansThePlayersLastMessageAndInjectsBeforeThePartial()
    {
        var built = Builder().Build(Context(OneToOne("s-1", Seraphina, Alice), Seraphina,
            [User(1, Alice, "Tell me about the glade."), Reply(2, Seraphina, "Later.")], kind: PromptKind.IdleContinuation));

        Assert.Equal(
        [
            ("system", "You are Seraphina, talking with Alice.", null),
            ("user", "Tell me about the glade.", null),
            ("assistant", "Later.", null),
            ("system", "Eldoria is an enchanted forest.\n\nThe glade is hidden.", null),
            ("assistant", "Seraphina:", true),
        ], Shape(built));
    }

    [Fact]
    public void Build_RegenerateOfATurn_SameMessagesAsTheOriginalCall()
    {
        var session = OneToOne("s-1", Seraphina, Alice);
        var original = Builder().Build(Context(session, Seraphina, [Opening(1, Seraphina, "Hi.")], [User(2, Alice, "The glade?")]));

        var regenerated = Builder().Build(Context(session, Seraphina, [Opening(1, Seraphina, "Hi."), User(2, Alice, "The glade?")]));

        Assert.Equal(Shape(original), Shape(regenerated));
    }

    [Fact]
    public void Build_LongTermMemory_InjectionBeforeTheUserMessageAndNoSystemMessage()
    {
        var character = Seraphina with { Memory = new MemorySettings { LongTerm = true } };

        var built = Builder().Build(Context(OneToOne("s-1", character, Alice), character, [], [User(1, Alice, "A wolf?")]));

        Assert.Equal(
        [
            ("system", "Eldoria is an enchanted forest.\n\nShadow wolves fear Seraphina's light.", null),
            ("user", "A wolf?", null),
        ], Shape(built));
        Assert.Equal("You are Seraphina, talking with Alice.", built.Call.Body.CharacterOptions!.Profile);
    }

    [Fact]
    public void Build_TokenBudget_EntriesThatDoNotFitAreLeftOut()
    {
        var estimator = new TokenEstimator();
        var constant = "Eldoria is an enchanted forest.";
        var budget = estimator.Estimate("qwen-plus-character", constant);
        var character = Seraphina with { Lorebook = Seraphina.Lorebook! with { TokenBudget = budget } };

        var built = Builder(estimator).Build(Context(OneToOne("s-1", character, Alice), character, [], [User(1, Alice, "wolf glade")]));

        Assert.Equal(("system", constant, (bool?)null), Shape(built)[1]);
        Assert.Equal(3, Shape(built).Length);
    }

    [Fact]
    public void Build_NoLorebookNoInstructions_RequestUnchanged()
    {
        var plain = Character("ling-lu", "Ling Lu", "You are Ling Lu.");

        var built = Builder().Build(Context(OneToOne("s-1", plain, Alice), plain, [], [User(1, Alice, "wolf glade")]));

        Assert.Equal([("system", "You are Ling Lu.", null), ("user", "wolf glade", null)], Shape(built));
    }
}
