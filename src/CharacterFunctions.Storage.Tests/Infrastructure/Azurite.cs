using Azure.Data.Tables;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>The Azurite Table endpoint that `./build.sh test` starts and exports; absent means Table tests skip.</summary>
public static class Azurite
{
    public const string EndpointVariable = "AZURITE_TABLE_ENDPOINT";

    // Azurite's publicly documented development account key (not a secret).
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => Endpoint is null
        ? $"Azurite is not running: set {EndpointVariable} (./build.sh test starts Azurite and sets it)."
        : null;

    public static TableServiceClient CreateClient()
    {
        var endpoint = Endpoint ?? throw new InvalidOperationException(SkipReason);
        return new TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={endpoint};");
    }
}

/// <summary>A fact that needs Azurite; skipped with a clear reason when it is not available.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        Skip = Azurite.SkipReason!;
    }
}
