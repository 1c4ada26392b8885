namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>A game server's event for a session (Service Bus queue or POST .../events).</summary>
public sealed record GameEvent(string EventId, string SessionId, string Text, bool React);
