using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Models;

/// <summary>
/// The Qwen-Character models the configured region offers, with their limits and that region's list
/// prices in the configured currency. An explicit <see cref="ModelOptions.BaseUrl"/> (a gateway) lifts the
/// region's model list: every known model priced in the currency is usable. Configuration may add models
/// or override a built-in one (same id wins). Endpoint resolution lives in ModelApi, not here.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>Beijing, CNY, no gateway: the catalog of an unconfigured host.</summary>
    public static readonly ModelCatalog Default = new(new ModelOptions());

    private readonly Dictionary<string, ModelSpec> _specs;

    public ModelCatalog(ModelOptions options, IEnumerable<ModelSpec>? additionalSpecs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IsGateway = !string.IsNullOrWhiteSpace(options.BaseUrl);
        var prices = PriceLists.For(options.Region, options.Currency)
            ?? throw new InvalidOperationException($"No {options.Currency} price list for region {options.Region}.");
        Region = prices.Region;
        Currency = prices.Currency;
        Offered = [.. prices.Prices.Keys.Order(StringComparer.Ordinal)];

        _specs = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        foreach (var limits in ModelLimits.BuiltIn)
        {
            if (PriceOf(prices, limits.Id) is { } price)
            {
                _specs[limits.Id] = new ModelSpec(limits.Id, limits.ContextWindow, limits.MaxInputTokens, limits.MaxOutputTokens, price);
            }
        }
        foreach (var spec in additionalSpecs ?? [])
        {
            _specs[spec.Id] = spec;
        }
    }

    /// <summary>Display name of the configured region, e.g. "Beijing (Chinese mainland)".</summary>
    public string Region { get; }

    /// <summary>Currency of every price and cost estimate from this catalog.</summary>
    public string Currency { get; }

    /// <summary>True when an explicit base URL is set: the region's model list does not restrict models.</summary>
    public bool IsGateway { get; }

    /// <summary>The models the configured region offers (seed price list), sorted.</summary>
    public IReadOnlyList<string> Offered { get; }

    public IReadOnlyCollection<ModelSpec> All => _specs.Values;

    /// <summary>
    /// The spec of <paramref name="modelId"/>; a dated snapshot or variant the seeds do not list
    /// (<c>qwen-plus-character-2026-06-01</c>) gets the limits and prices of the longest usable id it
    /// extends, so new provider snapshots work without a release. A model the seeds list but the
    /// region does not offer is never resolved through its family.
    /// </summary>
    public bool TryGet(string modelId, out ModelSpec spec)
    {
        if (_specs.TryGetValue(modelId, out spec!))
        {
            return true;
        }
        // The longest known id decides the family, offered or not: a Japanese-model snapshot must not
        // pass as a qwen-plus-character one in a region without the Japanese model.
        var family = _specs.Keys.Concat(ModelLimits.BuiltIn.Select(l => l.Id))
            .Where(id => id == modelId || (modelId.Length > id.Length + 1 && modelId.StartsWith(id + "-", StringComparison.Ordinal)))
            .MaxBy(id => id.Length);
        if (family is null || family == modelId || !_specs.ContainsKey(family))
        {
            return false;
        }
        spec = _specs[family] with { Id = modelId };
        return true;
    }

    public ModelSpec Get(string modelId) =>
        TryGet(modelId, out var spec) ? spec : throw RoleplayException.Invalid("model", UnavailableMessage(modelId));

    /// <summary>Why <paramref name="modelId"/> cannot be used, naming the region and the models it offers.</summary>
    public string UnavailableMessage(string modelId)
    {
        var usable = string.Join(", ", _specs.Keys.Order(StringComparer.Ordinal));
        return ModelLimits.BuiltIn.Any(l => l.Id == modelId)
            ? $"Model '{modelId}' is not offered in the {Region} region. Models offered there: {usable}."
            : $"Unknown model '{modelId}'. Models offered in the {Region} region: {usable}.";
    }

    /// <summary>List-price cost of one call (or a sum) in <see cref="Currency"/>: cache hits at the cached rate, the rest of the prompt at the input rate.</summary>
    public decimal EstimateCost(string modelId, TokenUsage usage)
    {
        var price = Get(modelId).Price;
        var cached = Math.Clamp(usage.CachedTokens, 0, Math.Max(usage.PromptTokens, 0));
        var uncached = Math.Max(usage.PromptTokens, 0) - cached;
        var total = uncached * price.Input + cached * price.CachedInput + Math.Max(usage.CompletionTokens, 0) * price.Output;
        return total / 1_000_000m;
    }

    /// <summary>The region's price; behind a gateway, another region's price in the same currency for models this region lacks.</summary>
    private ModelPrice? PriceOf(PriceList prices, string modelId)
    {
        if (prices.Prices.TryGetValue(modelId, out var own))
        {
            return own;
        }
        if (!IsGateway)
        {
            return null;
        }
        return PriceLists.All
            .Where(list => list.Currency == prices.Currency)
            .Select(list => list.Prices.GetValueOrDefault(modelId))
            .FirstOrDefault(price => price is not null);
    }
}
