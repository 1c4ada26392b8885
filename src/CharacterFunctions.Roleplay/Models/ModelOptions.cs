namespace CharacterFunctions.Roleplay.Models;

/// <summary>
/// Bound from configuration section <c>Model</c> (<c>Model__BaseUrl</c>, <c>Model__ApiKey</c>, ...).
/// <see cref="BaseUrl"/> wins over <see cref="Region"/> when both are set.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    public string? BaseUrl { get; set; }
    public ModelRegion Region { get; set; } = ModelRegion.Beijing;

    /// <summary>
    /// Currency of the price list used for cost estimates: CNY or USD. Unset: CNY for Beijing, USD for
    /// International/Singapore (see <see cref="PriceLists"/> for which seed list belongs to which region).
    /// </summary>
    public string? Currency { get; set; }
    public string? WorkspaceId { get; set; }

    /// <summary>API key; hosts fall back to the DASHSCOPE_API_KEY variable.</summary>
    public string? ApiKey { get; set; }

    public string DefaultModel { get; set; } = "qwen-plus-character";

    /// <summary>Per attempt. Whole call incl. retries stays well under the 230 s Functions HTTP limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(150);
    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After the client will wait for in-process before failing with 503.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);
}
