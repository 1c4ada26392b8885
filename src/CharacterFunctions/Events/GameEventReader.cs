using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Functions.Events;

/// <summary>
/// Turns a queue message body into a <see cref="GameEvent"/>. Only the JSON shape is checked here; the
/// field rules live in the core (GameEventIntake), so both hosts reject the same events.
/// </summary>
public static class GameEventReader
{
    /// <summary>The event, or why the body is not a JSON object of the event's shape (never echoes the body).</summary>
    public static (GameEvent? Event, string? Error) Read(BinaryData body)
    {
        try
        {
            GameEvent? gameEvent = JsonSerializer.Deserialize<GameEvent>(body.ToMemory().Span, RoleplayJson.Options);
            return gameEvent is null
                ? (null, "The message body is JSON null, not an event object.")
                : (gameEvent, null);
        }
        catch (JsonException e)
        {
            // JsonException carries a path and position, not the content.
            return (null, $"The message body is not a valid event JSON object ({e.Path ?? "$"}, line {e.LineNumber}, byte {e.BytePositionInLine}).");
        }
    }
}
