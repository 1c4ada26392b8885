namespace CharacterFunctions.Functions.Orchestrations;

/// <summary>Input of <see cref="PublishOrchestration"/>: publish the committed message <paramref name="Seq"/>.</summary>
public sealed record PublishRequest(string SessionId, long Seq);
