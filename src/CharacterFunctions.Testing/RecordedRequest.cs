using System.Text.Json.Nodes;

namespace CharacterFunctions.Testing;

/// <summary>One HTTP request as the <see cref="FakeModelServer"/> received it.</summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(long sequence, string method, string path, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
        try
        {
            Json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            Json = null; // the raw body is still there for the test to inspect
        }

        // Read once here: JsonNode materialises lazily and is not safe for concurrent readers.
        if (Json is JsonObject root)
        {
            Model = Text(root["model"]);
            N = root["n"] is JsonValue n && n.TryGetValue<int>(out var count) && count > 0 ? count : 1;
            Seed = root["seed"] is JsonValue seed && seed.TryGetValue<long>(out var seedValue) ? seedValue : null;
            IsStream = root["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streamValue) && streamValue;
            IncludeUsage = root["stream_options"] is JsonObject so && so["include_usage"] is JsonValue iu && iu.TryGetValue<bool>(out var include) && include;
            if (root["messages"] is JsonArray array)
            {
                Messages = array.Select(m => new RecordedMessage(
                        Text(m?["role"]) ?? "",
                        Text(m?["content"]) ?? "",
                        m?["partial"] is JsonValue p && p.TryGetValue<bool>(out var partial) && partial))
                    .ToList();
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>1-based arrival number on this server.</summary>
    public long Sequence { get; }

    public string Method { get; }

    /// <summary>The request path, e.g. <c>/compatible-mode/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>Request headers, case-insensitive; repeated headers are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw body as sent.</summary>
    public string Body { get; }

    /// <summary>The parsed body, or null when it was empty or not JSON.</summary>
    public JsonNode? Json { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>A header value or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>Authorization</c> header, e.g. <c>Bearer sk-test</c>.</summary>
    public string? Authorization => Header("Authorization");

    /// <summary>The <c>x-dashscope-aca-session</c> header.</summary>
    public string? SessionHeader => Header("x-dashscope-aca-session");

    public string? Model { get; }

    /// <summary>The requested number of choices (<c>n</c>, default 1).</summary>
    public int N { get; } = 1;

    public long? Seed { get; }

    /// <summary>True when the body asked for <c>stream: true</c>.</summary>
    public bool IsStream { get; }

    /// <summary>True when <c>stream_options.include_usage</c> is set.</summary>
    public bool IncludeUsage { get; }

    /// <summary>The <c>messages</c> array as (role, content, partial) triples, in order.</summary>
    public IReadOnlyList<RecordedMessage> Messages { get; } = [];

    public override string ToString() => $"#{Sequence} {Method} {Path} ({Body.Length} bytes)";
}

/// <summary>A message of a recorded request body.</summary>
public sealed record RecordedMessage(string Role, string Content, bool Partial);
