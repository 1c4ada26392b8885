namespace CharacterFunctions.Client.Models;

/// <summary>Tokens the model reported for one call, or a sum of calls.</summary>
public sealed record TokenUsage(long PromptTokens, long CompletionTokens, long CachedTokens);
