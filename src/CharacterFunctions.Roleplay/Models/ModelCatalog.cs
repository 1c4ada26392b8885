using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Models;

/// <summary>
/// The known Qwen-Character models: limits and list prices. Configuration may add models or
/// override a built-in one (same id wins). Endpoint resolution lives in ModelApi, not here.
/// </summary>
public sealed class ModelCatalog
{
    private const string Currency = "CNY";

    /// <summary>Implicit-cache hits are billed at this share of the input price.</summary>
    public const decimal CachedInputShare = 0.2m;

    /// <summary>
    /// Limits from the provider's model table. Prices: plus and flash from the Chinese-mainland list,
    /// the Japanese model only exists on the international list.
    /// </summary>
    public static readonly IReadOnlyList<ModelSpec> BuiltIn =
    [
        new("qwen-plus-character", 32_768, 32_000, 4_096, Price(0.8m, 2m)),
        new("qwen-flash-character", 8_192, 8_000, 4_096, Price(0.25m, 1.5m)),
        new("qwen-plus-character-ja", 8_192, 7_680, 512, Price(3.67m, 10.275m)),
    ];

    public static readonly ModelCatalog Default = new();

    private readonly Dictionary<string, ModelSpec> _specs;

    public ModelCatalog(IEnumerable<ModelSpec>? additionalSpecs = null)
    {
        _specs = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        foreach (var spec in BuiltIn.Concat(additionalSpecs ?? []))
        {
            _specs[spec.Id] = spec;
        }
    }

    /// <summary>A price with the cached-input rate derived from the input rate.</summary>
    public static ModelPrice Price(decimal input, decimal output) =>
        new(input, output, input * CachedInputShare, Currency);

    public IReadOnlyCollection<ModelSpec> All => _specs.Values;

    /// <summary>
    /// The spec of <paramref name="modelId"/>; a dated snapshot or variant of a known model
    /// (<c>qwen-flash-character-2026-02-26</c>) gets the limits and prices of the longest known id it
    /// extends, so new provider snapshots work without a release.
    /// </summary>
    public bool TryGet(string modelId, out ModelSpec spec)
    {
        if (_specs.TryGetValue(modelId, out spec!))
        {
            return true;
        }
        var family = _specs.Keys
            .Where(id => modelId.Length > id.Length + 1 && modelId.StartsWith(id + "-", StringComparison.Ordinal))
            .MaxBy(id => id.Length);
        if (family is null)
        {
            return false;
        }
        spec = _specs[family] with { Id = modelId };
        return true;
    }

    public ModelSpec Get(string modelId) =>
        TryGet(modelId, out var spec)
            ? spec
            : throw RoleplayException.Invalid("model", $"Unknown model '{modelId}'. Known models: {string.Join(", ", _specs.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>List-price cost of one call (or a sum): cache hits at the cached rate, the rest of the prompt at the input rate.</summary>
    public decimal EstimateCost(string modelId, TokenUsage usage)
    {
        var price = Get(modelId).Price;
        var cached = Math.Clamp(usage.CachedTokens, 0, Math.Max(usage.PromptTokens, 0));
        var uncached = Math.Max(usage.PromptTokens, 0) - cached;
        var total = uncached * price.Input + cached * price.CachedInput + Math.Max(usage.CompletionTokens, 0) * price.Output;
        return total / 1_000_000m;
    }
}
