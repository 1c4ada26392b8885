namespace CharacterFunctions.Roleplay.Models;

/// <summary>Limits and list prices of one Qwen-Character model (prices per 1M tokens).</summary>
public sealed record ModelSpec(
    string Id,
    int ContextWindow,
    int MaxInputTokens,
    int MaxOutputTokens,
    ModelPrice Price);

/// <summary>Prices per 1M tokens in <see cref="Currency"/>; cached input is billed at the implicit-cache rate.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CachedInput, string Currency);
