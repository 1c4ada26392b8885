namespace CharacterFunctions.Functions.Events;

/// <summary>The <c>DeadLetterReason</c> values a game server may see on the <c>game-events</c> dead-letter queue.</summary>
public static class DeadLetterReasons
{
    /// <summary>The body is not JSON of the event's shape.</summary>
    public const string InvalidJson = "InvalidJson";

    /// <summary>The JSON parsed but a field is missing or invalid (see the description for which).</summary>
    public const string InvalidEvent = "InvalidEvent";

    /// <summary>No session with the event's sessionId exists.</summary>
    public const string UnknownSession = "UnknownSession";
}
