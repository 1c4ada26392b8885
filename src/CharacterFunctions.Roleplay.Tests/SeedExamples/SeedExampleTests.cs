using System.Text.Json.Nodes;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using static CharacterFunctions.Roleplay.Tests.Prompting.PromptTestData;

namespace CharacterFunctions.Roleplay.Tests.SeedExamples;

/// <summary>
/// Every documented request of the provider's role-play guide, rebuilt from a profile, a session and
/// a transcript, must come out as the documented JSON body and session header.
/// The operator's systemPrompt is sent verbatim, so each example's documented system content is
/// the profile's systemPrompt input.
/// </summary>
public sealed class SeedExampleTests
{
    private static readonly Player ClassMonitor = new("p-1", "Class Monitor");

    private static string SystemPromptOf(string fixture)
    {
        var node = JsonNode.Parse(fixture)!;
        var messages = node is JsonArray array ? array : node["messages"]!.AsArray();
        return messages[0]!["content"]!.GetValue<string>();
    }

    private static CharacterProfile JiangRang(string fixture) => Character("jiang-rang", "Jiang Rang", SystemPromptOf(fixture));

    private static readonly string[] DocumentedRounds =
    [
        "Class monitor, what are you up to?",
        "I'm reading a book.",
        "What book are you reading? You look so focused.",
        "\"Ordinary World\"",
        "Hmm... \"Ordinary World\"? That book sounds interesting. Want me to tell you a little story related to it?",
        "What story? How come I've never heard of it?",
    ];

    /// <summary>Transcript of the rounds example: assistant at odd seqs (opening first), the class monitor at even seqs.</summary>
    private static List<TranscriptMessage> RoundsTranscript(CharacterProfile character, int count) =>
        [.. DocumentedRounds.Take(count).Select((text, i) => i % 2 == 0
            ? (i == 0 ? Opening(i + 1, character, text) : Reply(i + 1, character, text))
            : User(i + 1, ClassMonitor, text))];

    [Theory]
    [InlineData(1, SeedFixtures.FirstRound)]
    [InlineData(2, SeedFixtures.SecondRound)]
    [InlineData(3, SeedFixtures.ThirdRound)]
    public void Build_DocumentedRound_MessagesMatchSeed(int round, string expectedMessages)
    {
        var character = JiangRang(expectedMessages);
        var transcript = RoundsTranscript(character, 2 * round);
        var context = Context(OneToOne("s-rounds", character), character, transcript[..^1], [transcript[^1]]);

        var built = Builder().Build(context);

        AssertJsonEqual(expectedMessages, JsonNode.Parse(MessagesJson(built.Call.Body.Messages)));
    }

    [Fact]
    public void Build_FirstRoundRequest_BodyMatchesSeed()
    {
        var character = JiangRang(SeedFixtures.FirstRoundRequest);
        var transcript = RoundsTranscript(character, 2);
        var context = Context(OneToOne("s-first", character), character, [transcript[0]], [transcript[1]]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.FirstRoundRequest, BodyJson(built.Call));
        Assert.Equal("s-first", built.Call.SessionHeader);
    }

    [Fact]
    public void Build_TurnWithNTwo_BodyMatchesSeed()
    {
        var character = JiangRang(SeedFixtures.DiverseResponses);
        var context = Context(
            OneToOne("s-n2", character), character,
            [Opening(1, character, "Class monitor, what are you doing?")],
            [User(2, ClassMonitor, "I'm reading a book.")],
            options: new TurnOptions { N = 2 });

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.DiverseResponses, BodyJson(built.Call));
    }

    [Fact]
    public void Build_RegenerateWithNewSeed_SameMessagesAsFirstRequest()
    {
        var character = JiangRang(SeedFixtures.SeedFirst);
        var session = OneToOne("s-seed", character);
        var opening = Opening(1, character, "Class monitor, what are you doing?");
        var user = User(2, ClassMonitor, "I'm reading a book.");
        var builder = Builder();

        var first = builder.Build(Context(session, character, [opening], [user], options: new TurnOptions { Seed = 123321 }));
        // The reply (seq 3) is committed; regenerate re-asks with the transcript before it and a new seed.
        var regenerated = builder.Build(Context(
            session, character, [opening, user],
            cursor: CharacterCursor.Initial with { WindowStartSeq = first.ContextFromSeq },
            options: new TurnOptions { Seed = 123322 }));

        AssertJsonEqual(SeedFixtures.SeedFirst, BodyJson(first.Call));
        AssertJsonEqual(SeedFixtures.SeedRegenerated, BodyJson(regenerated.Call));
        Assert.Equal(MessagesJson(first.Call.Body.Messages), MessagesJson(regenerated.Call.Body.Messages));
        Assert.Equal(first.Call.SessionHeader, regenerated.Call.SessionHeader);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_GroupChatLingLu_BodyAndHeaderMatchSeed(bool maHuiIsCharacter)
    {
        var lingLu = Character("ling-lu", "Ling Lu", SystemPromptOf(SeedFixtures.GroupChat));
        var maHuiCharacter = Character("ma-hui", "Ma Hui");
        var chengYi = new Player("p-cheng-yi", "Cheng Yi");
        var taoLe = new Player("p-tao-le", "Tao Le");
        var maHuiPlayer = new Player("p-ma-hui", "Ma Hui");
        CharacterProfile[] characters = maHuiIsCharacter ? [lingLu, maHuiCharacter] : [lingLu];
        Player[] players = maHuiIsCharacter ? [chengYi, taoLe] : [chengYi, taoLe, maHuiPlayer];
        var session = Group("s-group", characters, players);
        const string maHuiText = "How about we all get together for a meal and chat? My treat!";
        List<TranscriptMessage> transcript =
        [
            User(1, chengYi, "Are you guys free this weekend? I want to get your opinions on my new song."),
            Reply(2, lingLu, "Hmph, trying to freeload off our professional expertise again? Fine, just make sure it doesn't sound too bad."),
            User(3, chengYi, "I've been waiting for you to release a song! I have to be the first one to listen!"),
            User(4, taoLe, "Honey, you're right, but don't stay up all night revising the song. I'm worried about you."),
            maHuiIsCharacter ? Reply(5, maHuiCharacter, maHuiText) : User(5, maHuiPlayer, maHuiText),
            Nudge(6, lingLu, "How about an impromptu collaboration livestream some other day? Anyone interested?"),
        ];

        var built = Builder().Build(Context(session, lingLu, transcript, kind: PromptKind.IdleContinuation, characters: characters));

        AssertJsonEqual(SeedFixtures.GroupChat, BodyJson(built.Call));
        Assert.Equal("s-group:ling-lu", built.Call.SessionHeader);
    }

    [Fact]
    public void Build_ContinuousReplyAfterTwoNudges_BodyMatchesSeed()
    {
        var character = JiangRang(SeedFixtures.ContinuousReply);
        var transcript = new[]
        {
            Opening(1, character, "Class monitor, what are you doing?"),
            Nudge(2, character, "(Waves at you) Did being class monitor make you silly? You're not even talking to me?"),
            Nudge(3, character, "(Leans in close and gently nudges you with an elbow) What are you daydreaming about?"),
        };

        var built = Builder().Build(Context(OneToOne("s-idle", character), character, transcript, kind: PromptKind.IdleContinuation));

        AssertJsonEqual(SeedFixtures.ContinuousReply, BodyJson(built.Call));
    }

    [Fact]
    public void Build_CharacterBansParentheses_LogitBiasMatchesSeed()
    {
        string[] parenthesisTokens = ["7", "8", "7552", "9909", "320", "873", "42344", "58359", "96899", "6599", "10297", "91093", "12832"];
        var character = JiangRang(SeedFixtures.LogitBias) with
        {
            Generation = new GenerationSettings { LogitBias = parenthesisTokens.ToDictionary(t => t, _ => -100) },
        };
        var context = Context(
            OneToOne("s-bias", character), character,
            [Opening(1, character, "Hey class monitor, what are you doing?")],
            [User(2, ClassMonitor, "I'm reading a book.")]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.LogitBias, BodyJson(built.Call));
    }

    [Fact]
    public void Build_PendingEventBeforeUserMessage_SupplementarySystemMessageMatchesSeed()
    {
        var character = JiangRang(SeedFixtures.Supplementary);
        var context = Context(
            OneToOne("s-event", character), character,
            [Opening(1, character, "Class monitor, what are you doing?")],
            [
                // Literal backslashes, exactly as the documented content carries them.
                Event(2, @"\user's favorite food:\nFruit:Blueberry\nSnack:Fried chicken\nStaple food:Dumplings"),
                User(3, ClassMonitor, "I'm trying to decide where to eat tonight. It's so hard to choose because so many new shops have opened around the school recently."),
            ]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.Supplementary, BodyJson(built.Call));
    }

    [Fact]
    public void Build_LongTermMemoryFirstCall_BodyAndHeaderMatchSeed()
    {
        var character = Character("jiang-rang", "Jiang Rang", "You are Jiang Rang, a male Go prodigy...") with
        {
            Memory = new MemorySettings { LongTerm = true, MemoryEntries = 50, SkipSaveTypes = [] },
        };
        var context = Context(
            OneToOne(SeedFixtures.LongTermMemorySession, character), character, [],
            [User(1, ClassMonitor, "Hi Jiang Rang, the weather is great today!")]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.LongTermMemory, BodyJson(built.Call));
        Assert.Equal(SeedFixtures.LongTermMemorySession, built.Call.SessionHeader);
        Assert.Equal(2, built.NextCursor.MemorySyncedSeq);
    }

    private static string ProfileOf(string fixture) => JsonNode.Parse(fixture)!["character_options"]!["profile"]!.GetValue<string>();

    [Fact]
    public void Build_RealtimeCharacter_ProfileInCharacterOptionsBodyMatchesSeed()
    {
        var character = Character("jiang-rang", "Jiang Rang", ProfileOf(SeedFixtures.Realtime)) with
        {
            Features = new CharacterFeatures { Realtime = true },
        };
        var context = Context(
            OneToOne("s-realtime", character), character, [],
            [User(1, ClassMonitor, "What time is it now? What day of the week is it?")]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.Realtime, BodyJson(built.Call));
    }

    [Fact]
    public void Build_KnowledgeBaseCharacter_ProfileInCharacterOptionsBodyMatchesSeed()
    {
        var character = Character("jiang-rang", "Jiang Rang", ProfileOf(SeedFixtures.KnowledgeSearch)) with
        {
            Features = new CharacterFeatures { KnowledgeBaseIds = ["knowledge_base_id"] },
        };
        var context = Context(
            OneToOne("s-kb", character), character, [],
            [User(1, ClassMonitor, "Who is the Chinese language representative in our class?")]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.KnowledgeSearch, BodyJson(built.Call));
    }

    [Fact]
    public void Build_SpeechOnlyCharacter_LogitBiasIsSeed001Ban()
    {
        var character = JiangRang(SeedFixtures.LogitBias) with { Generation = new GenerationSettings { SpeechOnly = true } };
        var context = Context(
            OneToOne("s-speech", character), character,
            [Opening(1, character, "Class monitor, what are you up to?")],
            [User(2, ClassMonitor, "I'm reading a book")]);

        var built = Builder().Build(context);

        AssertJsonEqual(SeedFixtures.ParenthesesBan001, BodyJson(built.Call)["logit_bias"]);
    }

    [Fact]
    public void AssertJsonEqual_DifferentDocument_Fails()
    {
        // Guards the comparison itself: a changed content must not pass as equal.
        var changed = JsonNode.Parse(SeedFixtures.FirstRoundRequest)!;
        changed["messages"]![1]!["content"] = "Class monitor, what are you doing?";

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertJsonEqual(SeedFixtures.FirstRoundRequest, changed));
    }
}
