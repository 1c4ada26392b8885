using System.Net.Http.Headers;
using System.Text.Json;
using CharacterFunctions.Client.Json;
using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>
/// The one wire form of a game event, for HTTP and the <c>game-events</c> queue alike: UTF-8 JSON
/// <c>{ "eventId", "sessionId", "text", "react" }</c> with content type <see cref="ContentType"/>.
/// </summary>
public static class GameEventMessage
{
    public const string ContentType = "application/json";

    /// <summary>The message body bytes.</summary>
    public static byte[] Body(GameEvent gameEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(gameEvent ?? throw new ArgumentNullException(nameof(gameEvent)), ClientJson.Default.GameEvent);

    internal static HttpContent Content(GameEvent gameEvent)
    {
        var content = new ByteArrayContent(Body(gameEvent));
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType) { CharSet = "utf-8" };
        return content;
    }
}
