namespace CharacterFunctions.Client.Models;

/// <summary>GET /api/health: the host serves, and which model endpoint it uses.</summary>
public sealed record Health(string Status, HealthModel Model);

public sealed record HealthModel(string BaseUrl, bool Offline, string? DefaultModel);
