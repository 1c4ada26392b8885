namespace CharacterFunctions.Roleplay.Continuations;

/// <summary>Body of POST /api/sessions/{id}/messages/{seq}/continue (optional): the client's id makes a retry safe.</summary>
public sealed record ContinueRequest(string? ContinueId);
