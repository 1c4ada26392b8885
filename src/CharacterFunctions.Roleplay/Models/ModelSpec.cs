namespace CharacterFunctions.Roleplay.Models;

/// <summary>Limits and list prices of one Qwen-Character model (prices per 1M tokens) in one region's price list.</summary>
public sealed record ModelSpec(
    string Id,
    int ContextWindow,
    int MaxInputTokens,
    int MaxOutputTokens,
    ModelPrice Price);

/// <summary>Prices per 1M tokens in <see cref="Currency"/>; cached input is billed at the implicit-cache rate.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CachedInput, string Currency)
{
    /// <summary>Implicit-cache hits are billed at this share of the input price.</summary>
    public const decimal CachedInputShare = 0.2m;

    /// <summary>A price with the cached-input rate derived from the input rate.</summary>
    public static ModelPrice Of(decimal input, decimal output, string currency) =>
        new(input, output, input * CachedInputShare, currency);
}
