using System.Text.Json;
using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// What goes on the wire for a <see cref="ModelCall"/>: the body (plain or streamed), its bytes and the
/// non-secret headers. The client sends exactly this and the operator preview shows exactly this, so
/// the two cannot drift. The API key header is added by the client alone and is never part of it.
/// </summary>
public static class ModelWire
{
    public const string ContentType = "application/json; charset=utf-8";
    public const string StreamAccept = "text/event-stream";

    /// <summary>The body as sent: a streamed call asks for usage in the last chunk; a plain one carries no stream fields.</summary>
    public static ChatCompletionRequest Body(ModelCall call, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (streaming)
        {
            return call.Body with { Stream = true, StreamOptions = new StreamOptions { IncludeUsage = true } };
        }
        return call.Body.Stream is null && call.Body.StreamOptions is null
            ? call.Body
            : call.Body with { Stream = null, StreamOptions = null };
    }

    public static byte[] Serialize(ChatCompletionRequest body) =>
        JsonSerializer.SerializeToUtf8Bytes(body, ModelWireJson.Wire.ChatCompletionRequest);

    /// <summary>Every header of the call except Authorization, in the order the client sets them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(ModelCall call, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(call);
        List<KeyValuePair<string, string>> headers =
        [
            new("Content-Type", ContentType),
            new(ModelCall.SessionHeaderName, call.SessionHeader),
        ];
        if (streaming)
        {
            headers.Add(new("Accept", StreamAccept));
        }
        return headers;
    }
}
