using CharacterFunctions.Api.Http;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Functions.Events;

/// <summary>
/// Turns a queue message body into a <see cref="GameEvent"/> with the same strict reader as HTTP bodies
/// (<see cref="RequestJson"/>: UTF-8, no unknown properties, numbers as numbers). Only the JSON shape is
/// checked here; the field rules live in the core (GameEventIntake), so both hosts reject the same events.
/// </summary>
public static class GameEventReader
{
    /// <summary>The event, or why the body is not a JSON object of the event's shape (never echoes the body).</summary>
    public static (GameEvent? Event, string? Error) Read(BinaryData body)
    {
        try
        {
            GameEvent? gameEvent = RequestJson.Deserialize<GameEvent>(body.ToMemory());
            return gameEvent is null
                ? (null, "The message body is JSON null, not an event object.")
                : (gameEvent, null);
        }
        catch (RoleplayException e)
        {
            // Paths and member names only (bounded by RequestJson), never values of the body.
            var where = e.Errors is { Count: > 0 } errors ? $" ({string.Join("; ", errors.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}"))})" : "";
            return (null, $"The message body is not a valid event JSON object: {e.Title}{where}");
        }
    }
}
