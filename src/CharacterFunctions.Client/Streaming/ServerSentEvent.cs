namespace CharacterFunctions.Client.Streaming;

/// <summary>One event of a <c>text/event-stream</c>: its name (default <c>message</c>) and its data lines joined.</summary>
internal sealed record ServerSentEvent(string Name, string Data);
