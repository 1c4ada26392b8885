namespace CharacterFunctions.Api.Responses;

/// <summary>Liveness plus which model endpoint is used; deliberately no keys or secrets.</summary>
public sealed record HealthResponse(string Status, HealthModel Model);

public sealed record HealthModel(string BaseUrl, bool Offline, string DefaultModel);
