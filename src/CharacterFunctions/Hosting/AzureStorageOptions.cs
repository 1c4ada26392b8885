using CharacterFunctions.Storage.Tables;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// Section <c>Storage</c>: where the app's tables live. In Azure <see cref="TableServiceUri"/> with the
/// managed identity (shared keys are disabled on the account); locally <see cref="ConnectionString"/>
/// (<c>UseDevelopmentStorage=true</c> for Azurite). The Functions host's own storage is
/// <c>AzureWebJobsStorage</c> and is configured separately.
/// </summary>
public sealed class AzureStorageOptions
{
    public const string SectionName = "Storage";

    public string? TableServiceUri { get; set; }
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every table name, so several deployments can share one account.</summary>
    public string TablePrefix { get; set; } = "cf";

    /// <summary>Null when usable, else what is wrong (checked at start-up).</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(TableServiceUri) && string.IsNullOrWhiteSpace(ConnectionString)
            ? "Set Storage__TableServiceUri (Azure, managed identity) or Storage__ConnectionString (local)."
            : !string.IsNullOrWhiteSpace(TableServiceUri) && !Uri.TryCreate(TableServiceUri, UriKind.Absolute, out _)
                ? "Storage__TableServiceUri must be an absolute URI such as https://account.table.core.windows.net."
                : TableStorage.PrefixProblem(TablePrefix) is { } prefixProblem
                    ? $"Storage__TablePrefix: {prefixProblem}"
                    : null;
}
