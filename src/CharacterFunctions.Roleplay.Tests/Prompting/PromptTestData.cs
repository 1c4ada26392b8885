using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

/// <summary>Small builders for sessions, transcripts and prompt contexts used across prompt tests.</summary>
internal static class PromptTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How the model client serialises a request body (nulls omitted).</summary>
    public static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static CharacterProfile Character(string id, string name, string systemPrompt = "You are a character.", string model = "qwen-plus-character") =>
        new() { Id = id, Name = name, Model = model, SystemPrompt = systemPrompt };

    public static SessionRecord OneToOne(string sessionId, CharacterProfile character, Player? player = null) => new()
    {
        SessionId = sessionId,
        CharacterIds = [character.Id],
        Players = [player ?? new Player("p-1", "Class Monitor")],
        CreatedAt = T0,
    };

    public static SessionRecord Group(string sessionId, IEnumerable<CharacterProfile> characters, IEnumerable<Player> players, string? scenario = null) => new()
    {
        SessionId = sessionId,
        CharacterIds = [.. characters.Select(c => c.Id)],
        Players = [.. players],
        Scenario = scenario,
        CreatedAt = T0,
    };

    public static TranscriptMessage Opening(long seq, CharacterProfile character, string text) =>
        Assistant(seq, character, text, MessageKind.Opening);

    public static TranscriptMessage Reply(long seq, CharacterProfile character, string text) =>
        Assistant(seq, character, text, MessageKind.Reply);

    public static TranscriptMessage Nudge(long seq, CharacterProfile character, string text) =>
        Assistant(seq, character, text, MessageKind.Nudge);

    public static TranscriptMessage Assistant(long seq, CharacterProfile character, string text, MessageKind kind) => new()
    {
        Seq = seq,
        Role = MessageRole.Assistant,
        Kind = kind,
        Speaker = character.Name,
        SpeakerId = character.Id,
        Text = text,
        CreatedAt = T0.AddSeconds(seq),
    };

    public static TranscriptMessage User(long seq, Player player, string text) => new()
    {
        Seq = seq,
        Role = MessageRole.User,
        Kind = MessageKind.User,
        Speaker = player.Name,
        SpeakerId = player.PlayerId,
        Text = text,
        CreatedAt = T0.AddSeconds(seq),
    };

    public static TranscriptMessage Event(long seq, string text) => new()
    {
        Seq = seq,
        Role = MessageRole.System,
        Kind = MessageKind.Event,
        Text = text,
        CreatedAt = T0.AddSeconds(seq),
    };

    public static PromptContext Context(
        SessionRecord session,
        CharacterProfile speaker,
        IReadOnlyList<TranscriptMessage> history,
        IReadOnlyList<TranscriptMessage>? newMessages = null,
        PromptKind kind = PromptKind.Turn,
        CharacterCursor? cursor = null,
        TurnOptions? options = null,
        IEnumerable<CharacterProfile>? characters = null)
    {
        var all = (characters ?? [speaker]).Append(speaker).DistinctBy(c => c.Id).ToDictionary(c => c.Id);
        // Committed transcript ends where the history ends (new messages are not committed yet).
        var lastCommitted = history.Count > 0 ? history[^1].Seq : newMessages is { Count: > 0 } ? newMessages[0].Seq - 1 : 0;
        return new PromptContext
        {
            Session = session with { LastSeq = lastCommitted },
            Speaker = speaker,
            Characters = all,
            Cursor = cursor ?? CharacterCursor.Initial,
            History = history,
            NewMessages = newMessages ?? [],
            Kind = kind,
            Options = options,
        };
    }

    public static MessageBuilder Builder(TokenEstimator? estimator = null) => new(ModelCatalog.Default, estimator ?? new TokenEstimator());

    public static JsonNode BodyJson(ModelCall call) => JsonNode.Parse(JsonSerializer.Serialize(call.Body, Wire))!;

    public static string MessagesJson(IReadOnlyList<ChatMessage> messages) => JsonSerializer.Serialize(messages, Wire);

    public static void AssertJsonEqual(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"JSON differs.\nExpected:\n{expected?.ToJsonString()}\nActual:\n{actual?.ToJsonString()}");
    }
}
