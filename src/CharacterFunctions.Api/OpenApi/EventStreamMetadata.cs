namespace CharacterFunctions.Api.OpenApi;

/// <summary>The route can answer <c>text/event-stream</c> (when asked by <c>Accept</c>); the description lists the events.</summary>
public sealed record EventStreamMetadata(string Description);
