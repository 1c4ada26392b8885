namespace CharacterFunctions.Client.Models;

/// <summary>
/// A game server's event for a session. <see cref="EventId"/> is the game's own unique id: sending the
/// same event twice (a retry, a redelivery) has no second effect.
/// </summary>
/// <param name="React">False: held for the next player turn. True: the character reacts now.</param>
public sealed record GameEvent(string EventId, string SessionId, string Text, bool React = false);
