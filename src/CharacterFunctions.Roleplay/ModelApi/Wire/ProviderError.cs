using System.Text;
using System.Text.Json;

namespace CharacterFunctions.Roleplay.ModelApi.Wire;

/// <summary>
/// An error body from the provider. Two shapes exist: OpenAI-compatible
/// <c>{"error":{"message","type","code"},"request_id"|"id"}</c> and DashScope native
/// <c>{"code","message","request_id"}</c>. Anything else yields an empty error (status code still counts).
/// </summary>
internal sealed record ProviderError(string? Code, string? Type, string? Message, string? RequestId)
{
    public static readonly ProviderError None = new(null, null, null, null);

    // Error messages are the provider's words about the request, never chat content; still keep them short.
    private const int MaxMessageLength = 500;

    public static ProviderError Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return None;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return FromElement(doc.RootElement);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    public static ProviderError Parse(string body) => Parse(Encoding.UTF8.GetBytes(body));

    /// <summary>Reads either shape from an already parsed object (also used for stream error chunks).</summary>
    public static ProviderError FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return None;
        }

        var requestId = Text(root, "request_id") ?? Text(root, "id");
        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind switch
            {
                JsonValueKind.Object => new ProviderError(
                    Text(error, "code"), Text(error, "type"), Shorten(Text(error, "message")), requestId),
                JsonValueKind.String => new ProviderError(null, null, Shorten(error.GetString()), requestId),
                _ => new ProviderError(null, null, null, requestId),
            };
        }

        return new ProviderError(Text(root, "code"), null, Shorten(Text(root, "message")), requestId);
    }

    public bool IsEmpty => Code is null && Type is null && Message is null;

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string? Shorten(string? message) =>
        message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] + "…" : message;
}
