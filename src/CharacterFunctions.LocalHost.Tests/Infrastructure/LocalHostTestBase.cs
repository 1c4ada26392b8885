using System.Text.Json.Nodes;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>Helpers shared by the end-to-end tests: fresh characters and sessions per test.</summary>
[Collection(LocalHostCollection.Name)]
public abstract class LocalHostTestBase(LocalHostFixture fixture)
{
    public const string JiangRangPrompt =
        "You are Jiang Rang, a male Go prodigy who has won many awards. The user is your class monitor.";
    public const string OpeningLine = "Class monitor, what are you up to?";

    protected LocalHostFixture Fixture { get; } = fixture;

    // Read through the fixture every time: a restart test replaces the client.
    protected ApiClient Api => Fixture.Api;
    protected ModelEndpoint Model => Fixture.Model;

    /// <summary>A new character with a unique id; extra fields merge over the Jiang Rang defaults.</summary>
    protected async Task<string> NewCharacterAsync(string name = "Jiang Rang", string? prompt = null, string? openingLine = OpeningLine, JsonObject? extra = null)
    {
        var id = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..40];
        var body = new JsonObject
        {
            ["name"] = name,
            ["systemPrompt"] = prompt ?? (name == "Jiang Rang" ? JiangRangPrompt : $"You are {name}, a classmate."),
        };
        if (openingLine is not null)
        {
            body["openingLine"] = openingLine;
        }
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }
        await Api.PutCharacterAsync(id, body);
        return id;
    }

    protected Task<CreatedSession> NewSessionAsync(string characterId, int idleAfterSeconds = 0, int maxNudges = 0) =>
        Api.CreateSessionAsync(new
        {
            characterIds = new[] { characterId },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
            idle = new { afterSeconds = idleAfterSeconds, maxNudges },
        });

    protected static string Turn() => Guid.NewGuid().ToString();

    protected static IReadOnlyList<long> Seqs(JsonArray messages) => messages.Select(m => m!["seq"]!.GetValue<long>()).ToList();

    protected static string Text(JsonNode? message) => message!["text"]!.GetValue<string>();

    protected static string Kind(JsonNode? message) => message!["kind"]!.GetValue<string>();

    protected static string Role(JsonNode? message) => message!["role"]!.GetValue<string>();

    /// <summary>The (event, data) pairs of a server-sent event stream.</summary>
    protected static List<(string Name, JsonNode Data)> ParseEvents(string stream) =>
        stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Where(lines => lines.Any(l => l.StartsWith("event: ", StringComparison.Ordinal)))
            .Select(lines => (
                lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                JsonNode.Parse(lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!))
            .ToList();
}
