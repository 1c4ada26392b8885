namespace CharacterFunctions.Client.Models;

/// <summary>What the server did with a posted event: <c>accepted</c>, <c>duplicate</c> or <c>dropped</c> (ended session).</summary>
public sealed record EventResult(string EventId, string Disposition);
