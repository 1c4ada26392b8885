using System.Text.Json.Nodes;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using static CharacterFunctions.Roleplay.Tests.Prompting.PromptTestData;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

/// <summary>Contract rules 1-6: message mapping, group prefixes, partials, options, features, long-term memory.</summary>
public sealed class MessageBuilderTests
{
    private static readonly Player Alice = new("p-alice", "Alice");
    private static readonly Player Bob = new("p-bob", "Bob");
    private static readonly CharacterProfile Ling = Character("ling-lu", "Ling Lu", "You are Ling Lu.");
    private static readonly CharacterProfile Cheng = Character("cheng-yi", "Cheng Yi", "You are Cheng Yi.");
    private static readonly CharacterProfile Tao = Character("tao-le", "Tao Le", "You are Tao Le.");

    private static List<TranscriptMessage> GroupTranscript() =>
    [
        Opening(1, Ling, "Welcome to the studio."),
        User(2, Alice, "Hi all!"),
        Reply(3, Cheng, "New song tonight?"),
        Event(4, "The stage lights turn on."),
        User(5, Bob, "Count me in."),
        Reply(6, Tao, "Don't stay up too late."),
        Reply(7, Ling, "Hmph, fine."),
    ];

    private static (string Role, string Content, bool? Partial)[] Shape(BuiltPrompt built) =>
        [.. built.Call.Body.Messages.Select(m => (m.Role, m.Content, m.Partial))];

    [Fact]
    public void Build_GroupTurn_OwnMessagesAssistantOthersUserEventsUnprefixedEndsWithPartial()
    {
        var session = Group("g-1", [Ling, Cheng, Tao], [Alice, Bob]);
        var context = Context(session, Ling, GroupTranscript(), [User(8, Alice, "Ling Lu, sing!")], characters: [Ling, Cheng, Tao]);

        var built = Builder().Build(context);

        Assert.Equal(
        [
            ("system", "You are Ling Lu.", null),
            ("assistant", "Ling Lu: Welcome to the studio.", null),
            ("user", "Alice: Hi all!", null),
            ("user", "Cheng Yi: New song tonight?", null),
            ("system", "The stage lights turn on.", null),
            ("user", "Bob: Count me in.", null),
            ("user", "Tao Le: Don't stay up too late.", null),
            ("assistant", "Ling Lu: Hmph, fine.", null),
            ("user", "Alice: Ling Lu, sing!", null),
            ("assistant", "Ling Lu:", (bool?)true),
        ], Shape(built));
        Assert.Equal("g-1:ling-lu", built.Call.SessionHeader);
    }

    [Fact]
    public void Build_GroupOtherSpeaker_SameTranscriptSeenFromTheirSide()
    {
        var session = Group("g-1", [Ling, Cheng, Tao], [Alice, Bob]);
        var context = Context(session, Cheng, GroupTranscript(), kind: PromptKind.IdleContinuation, characters: [Ling, Cheng, Tao]);

        var built = Builder().Build(context);

        Assert.Equal(
        [
            ("system", "You are Cheng Yi.", null),
            ("user", "Ling Lu: Welcome to the studio.", null),
            ("user", "Alice: Hi all!", null),
            ("assistant", "Cheng Yi: New song tonight?", null),
            ("system", "The stage lights turn on.", null),
            ("user", "Bob: Count me in.", null),
            ("user", "Tao Le: Don't stay up too late.", null),
            ("user", "Ling Lu: Hmph, fine.", null),
            ("assistant", "Cheng Yi:", (bool?)true),
        ], Shape(built));
        Assert.Equal("g-1:cheng-yi", built.Call.SessionHeader);
    }

    [Fact]
    public void Build_OneCharacterTwoPlayers_IsGroupWithPrefixes()
    {
        var session = Group("g-2", [Ling], [Alice, Bob]);

        var built = Builder().Build(Context(session, Ling, [User(1, Alice, "hi"), User(2, Bob, "hey")], [User(3, Alice, "well?")]));

        Assert.Equal(["Alice: hi", "Bob: hey", "Alice: well?", "Ling Lu:"], built.Call.Body.Messages.Skip(1).Select(m => m.Content));
        Assert.Equal("g-2:ling-lu", built.Call.SessionHeader);
    }

    [Fact]
    public void Build_GroupScenario_AppendedToEachCharactersSystemMessage()
    {
        var session = Group("g-3", [Ling, Cheng], [Alice], scenario: "A music group chat.");

        var forLing = Builder().Build(Context(session, Ling, [User(1, Alice, "hi")], kind: PromptKind.IdleContinuation, characters: [Ling, Cheng]));
        var forCheng = Builder().Build(Context(session, Cheng, [User(1, Alice, "hi")], kind: PromptKind.IdleContinuation, characters: [Ling, Cheng]));

        Assert.Equal("You are Ling Lu.\n\nA music group chat.", forLing.Call.Body.Messages[0].Content);
        Assert.Equal("You are Cheng Yi.\n\nA music group chat.", forCheng.Call.Body.Messages[0].Content);
    }

    [Theory]
    [InlineData(PromptKind.Turn, false)]
    [InlineData(PromptKind.IdleContinuation, true)]
    [InlineData(PromptKind.EventReaction, true)]
    public void Build_OneToOneKind_TrailingPartialOnlyWhenCharacterSpeaksUnprompted(PromptKind kind, bool partial)
    {
        var session = OneToOne("s-1", Ling);
        List<TranscriptMessage> newMessages = kind switch
        {
            PromptKind.Turn => [User(2, Alice, "hello")],
            PromptKind.EventReaction => [Event(2, "It starts raining.")],
            _ => [],
        };

        var built = Builder().Build(Context(session, Ling, [Opening(1, Ling, "Hey.")], newMessages, kind));

        var last = built.Call.Body.Messages[^1];
        Assert.Equal(partial, last == ChatMessage.PartialAssistant("Ling Lu:"));
        Assert.Equal("s-1", built.Call.SessionHeader);
        Assert.All(built.Call.Body.Messages.SkipLast(partial ? 1 : 0), m => Assert.DoesNotContain("Ling Lu:", m.Content));
    }

    [Fact]
    public void Build_EventReaction_EventIsSystemMessageBeforePartial()
    {
        var built = Builder().Build(Context(OneToOne("s-1", Ling), Ling, [Opening(1, Ling, "Hey.")], [Event(2, "Player enters Level 3")], PromptKind.EventReaction));

        Assert.Equal(
        [
            ("system", "You are Ling Lu.", null),
            ("assistant", "Hey.", null),
            ("system", "Player enters Level 3", null),
            ("assistant", "Ling Lu:", (bool?)true),
        ], Shape(built));
        Assert.Equal(1, built.ContextFromSeq);
    }

    [Fact]
    public void Build_EventsInHistory_ReplayedAtTheirPositionSoPrefixIsStable()
    {
        var session = OneToOne("s-1", Ling);
        var builder = Builder();
        List<TranscriptMessage> transcript = [Opening(1, Ling, "Hey."), Event(2, "It rains."), User(3, Alice, "Wet!")];

        var first = builder.Build(Context(session, Ling, transcript[..1], transcript[1..]));
        transcript.Add(Reply(4, Ling, "Umbrella?"));
        var second = builder.Build(Context(session, Ling, transcript, [User(5, Alice, "Yes.")]));

        List<ChatMessage> firstPlusReply = [.. first.Call.Body.Messages, ChatMessage.Assistant("Umbrella?")];
        Assert.Equal(firstPlusReply, second.Call.Body.Messages.Take(firstPlusReply.Count));
        Assert.Equal(ChatMessage.System("It rains."), second.Call.Body.Messages[2]);
    }

    [Fact]
    public void Build_PersonaAndScenario_SystemMessageIsPromptPersonaThenScenario()
    {
        var character = Ling with { Persona = new Persona { Personality = "Sharp-tongued", UseActionsInParentheses = false } };
        var session = OneToOne("s-1", character) with { Scenario = "Backstage." };

        var built = Builder().Build(Context(session, character, [], [User(1, Alice, "hi")]));

        Assert.Equal(
            "You are Ling Lu.\n\nYour personality:\n\nSharp-tongued\n\n" + PersonaRenderer.ActionsForbidden + "\n\nBackstage.",
            built.Call.Body.Messages[0].Content);
    }

    [Fact]
    public void Build_OptionsAndGeneration_OptionsWinPerFieldAndNullsAreOmitted()
    {
        var character = Ling with
        {
            Generation = new GenerationSettings { Temperature = 0.9, TopP = 0.8, MaxTokens = 512, N = 3, Seed = 11 },
        };
        var options = new TurnOptions { Temperature = 0.7, N = 2 };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")], options: options));

        var body = BodyJson(built.Call);
        Assert.Equal(0.7, body["temperature"]!.GetValue<double>());
        Assert.Equal(0.8, body["top_p"]!.GetValue<double>());
        Assert.Equal(512, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(2, body["n"]!.GetValue<int>());
        Assert.Equal(11, body["seed"]!.GetValue<long>());
        Assert.Equal(["model", "messages", "n", "seed", "temperature", "top_p", "max_tokens"], body.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Build_NoOptionsNoFeatures_BodyHasOnlyModelAndMessages()
    {
        var built = Builder().Build(Context(OneToOne("s-1", Ling), Ling, [], [User(1, Alice, "hi")]));

        Assert.Equal(["model", "messages"], BodyJson(built.Call).AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Build_LogitBiasOnCharacterAndTurn_MergedWithTurnWinningPerToken()
    {
        var character = Ling with { Generation = new GenerationSettings { LogitBias = new Dictionary<string, int> { ["7"] = -100, ["8"] = -50 } } };
        var options = new TurnOptions { LogitBias = new Dictionary<string, int> { ["8"] = 10, ["320"] = -100 } };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")], options: options));

        AssertJsonEqual("""{ "7": -100, "8": 10, "320": -100 }""", BodyJson(built.Call)["logit_bias"]);
    }

    [Fact]
    public void Build_FeaturesEnabled_SearchRealtimeAndKnowledgeBasesMappedWithProfile()
    {
        var character = Ling with
        {
            Features = new CharacterFeatures { WebSearch = true, Realtime = true, KnowledgeBaseIds = ["kb-1", "kb-2"] },
        };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")]));

        var body = BodyJson(built.Call);
        Assert.True(body["enable_search"]!.GetValue<bool>());
        Assert.Null(body["search_options"]);
        AssertJsonEqual(
            """{ "profile": "You are Ling Lu.", "enable_realtime": true, "vector_store_ids": ["kb-1", "kb-2"] }""",
            body["character_options"]);
        Assert.Equal([("user", "hi", null)], Shape(built));
    }

    [Fact]
    public void Build_SpeechOnlyWithOwnBias_OwnBiasWinsOverBanPerToken()
    {
        var character = Ling with { Generation = new GenerationSettings { SpeechOnly = true, LogitBias = new Dictionary<string, int> { ["7"] = 5, ["99999"] = -3 } } };
        var options = new TurnOptions { LogitBias = new() { ["8"] = 1 } };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")], options: options));

        var bias = built.Call.Body.LogitBias!;
        Assert.Equal(64, bias.Count);
        Assert.Equal((5, 1, -3, -100), (bias["7"], bias["8"], bias["99999"], bias["91093"]));
    }

    [Fact]
    public void Build_TurnSpeechOnlyFalse_OverridesCharacterBan()
    {
        var character = Ling with { Generation = new GenerationSettings { SpeechOnly = true } };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")], options: new TurnOptions { SpeechOnly = false }));

        Assert.Null(built.Call.Body.LogitBias);
    }

    [Fact]
    public void Build_TurnSpeechOnlyTrue_BansParenthesesForThatTurn()
    {
        var built = Builder().Build(Context(OneToOne("s-1", Ling), Ling, [], [User(1, Alice, "hi")], options: new TurnOptions { SpeechOnly = true }));

        Assert.Equal(63, built.Call.Body.LogitBias!.Count);
    }

    [Fact]
    public void Build_WebSearchOnly_KeepsSystemMessageAndNoProfile()
    {
        var character = Ling with { Features = new CharacterFeatures { WebSearch = true } };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")]));

        Assert.Equal([("system", "You are Ling Lu.", null), ("user", "hi", null)], Shape(built));
        Assert.Null(BodyJson(built.Call)["character_options"]);
    }

    [Fact]
    public void Build_WebSearchWithSearchOptions_ObjectPassedThroughVerbatim()
    {
        const string searchOptions = """{ "forced_search": true, "search_strategy": "max", "nested": { "a": [1, 2] } }""";
        var character = Ling with
        {
            Features = new CharacterFeatures { WebSearch = true, SearchOptions = System.Text.Json.JsonDocument.Parse(searchOptions).RootElement },
        };

        var built = Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "news?")]));

        var body = BodyJson(built.Call);
        Assert.True(body["enable_search"]!.GetValue<bool>());
        AssertJsonEqual(searchOptions, body["search_options"]);
    }

    [Fact]
    public void Build_RealtimeCharacterWithHistory_WindowedHistoryWithoutSystemMessage()
    {
        var character = Ling with { Features = new CharacterFeatures { Realtime = true } };
        List<TranscriptMessage> history = [Opening(1, character, "Hey."), User(2, Alice, "hi"), Reply(3, character, "yo")];

        var built = Builder().Build(Context(OneToOne("s-1", character), character, history, [User(4, Alice, "time?")]));

        Assert.Equal([("assistant", "Hey.", null), ("user", "hi", null), ("assistant", "yo", null), ("user", "time?", null)], Shape(built));
        Assert.Equal("You are Ling Lu.", built.Call.Body.CharacterOptions!.Profile);
    }

    [Fact]
    public void Build_LongTermMemory_SendsOnlyUnsyncedMessagesWithoutSystemMessage()
    {
        var character = Ling with { Memory = new MemorySettings { LongTerm = true, MemoryEntries = 30, SkipSaveTypes = ["system"] } };
        List<TranscriptMessage> history = [Opening(1, character, "Hey."), User(2, Alice, "hi"), Reply(3, character, "yo"), Event(4, "Rain."), User(5, Alice, "wet")];

        var built = Builder().Build(Context(OneToOne("s-1", character), character, history, [User(6, Alice, "brr")], cursor: new CharacterCursor(1, 3)));

        Assert.Equal(
        [
            ("system", "Rain.", null),
            ("user", "wet", null),
            ("user", "brr", null),
        ], Shape(built));
        Assert.Equal(new CharacterCursor(1, 7), built.NextCursor);
        Assert.Equal(4, built.ContextFromSeq);
        AssertJsonEqual(
            """{ "profile": "You are Ling Lu.", "memory": { "enable_long_term_memory": true, "memory_entries": 30, "skip_save_types": ["system"] } }""",
            BodyJson(built.Call)["character_options"]);
    }

    [Fact]
    public void Build_LongTermMemoryConversation_EachTurnSendsOnlyThePlayerMessage()
    {
        var character = Ling with { Memory = new MemorySettings { LongTerm = true } };
        var conversation = new ScriptedConversation(character, Builder());

        var steps = conversation.Run(200).ToList();

        // The first call also carries the opening line, which the provider has not seen yet.
        Assert.Equal(2, steps[0].Prompt.Call.Body.Messages.Count);
        Assert.All(steps.Skip(1), step =>
        {
            var message = Assert.Single(step.Prompt.Call.Body.Messages);
            Assert.Equal(ChatMessage.User(step.Context.NewMessages[^1].Text), message);
        });
    }

    [Fact]
    public void Build_LongTermMemoryNudgeWithNothingNew_OnlyPartialAndCursorAfterNudge()
    {
        var character = Ling with { Memory = new MemorySettings { LongTerm = true } };
        List<TranscriptMessage> history = [Opening(1, character, "Hey."), User(2, Alice, "hi"), Reply(3, character, "yo")];
        var session = OneToOne("s-1", character) with { LastSeq = 3 };
        var cursor = new CharacterCursor(1, 3);

        var read = MessageBuilder.HistoryReadFrom(session, cursor, character);
        var built = Builder().Build(Context(session, character, [.. history.Where(m => m.Seq >= read)], kind: PromptKind.IdleContinuation, cursor: cursor));

        Assert.Equal([ChatMessage.PartialAssistant("Ling Lu:")], built.Call.Body.Messages);
        Assert.Equal(4, built.NextCursor.MemorySyncedSeq);
    }

    [Fact]
    public void Build_LongTermMemoryRegenerate_SameMessagesWhenCursorRewound()
    {
        var character = Ling with { Memory = new MemorySettings { LongTerm = true } };
        List<TranscriptMessage> transcript = [Opening(1, character, "Hey."), User(2, Alice, "hi"), Reply(3, character, "yo"), User(4, Alice, "again")];
        var session = OneToOne("s-1", character);
        var builder = Builder();

        var original = builder.Build(Context(session, character, transcript[..3], [transcript[3]], cursor: new CharacterCursor(1, 3)));
        var again = builder.Build(Context(
            session, character, transcript,
            cursor: new CharacterCursor(1, original.ContextFromSeq - 1),
            options: new TurnOptions { Seed = 5 }));

        Assert.Equal(original.Call.Body.Messages, again.Call.Body.Messages);
        Assert.Equal(original.NextCursor, again.NextCursor);
    }

    [Fact]
    public void Build_LongTermMemoryTurnWithNothingUnsynced_ThrowsInsteadOfEmptyRequest()
    {
        var character = Ling with { Memory = new MemorySettings { LongTerm = true } };
        List<TranscriptMessage> transcript = [Opening(1, character, "Hey."), User(2, Alice, "hi"), Reply(3, character, "yo")];

        Assert.Throws<InvalidOperationException>(() =>
            Builder().Build(Context(OneToOne("s-1", character), character, transcript[..2], cursor: new CharacterCursor(1, 3))));
    }

    [Fact]
    public void Build_UnknownModel_ThrowsValidation()
    {
        var character = Ling with { Model = "gpt-unknown" };

        var error = Assert.Throws<RoleplayException>(() => Builder().Build(Context(OneToOne("s-1", character), character, [], [User(1, Alice, "hi")])));

        Assert.Equal(ProblemKind.Validation, error.Kind);
    }

    [Fact]
    public void Build_SameContextTwice_ByteIdenticalRequest()
    {
        var session = Group("g-1", [Ling, Cheng, Tao], [Alice, Bob]);
        var context = Context(session, Tao, GroupTranscript(), [User(8, Bob, "Tao?")], options: new TurnOptions { Seed = 3 }, characters: [Ling, Cheng, Tao]);
        var builder = Builder();

        var first = BodyJson(builder.Build(context).Call).ToJsonString();
        var second = BodyJson(builder.Build(context).Call).ToJsonString();

        Assert.Equal(first, second);
        Assert.Equal("Tao Le:", JsonNode.Parse(first)!["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
    }
}
