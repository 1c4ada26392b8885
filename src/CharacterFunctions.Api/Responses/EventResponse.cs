namespace CharacterFunctions.Api.Responses;

/// <summary>What happened to a posted game event: accepted, duplicate or dropped.</summary>
public sealed record EventResponse(string EventId, string Disposition);
