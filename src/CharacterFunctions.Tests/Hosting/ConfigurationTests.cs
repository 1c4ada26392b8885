using CharacterFunctions.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void StorageProblem_NothingConfigured_NamesBothSettings()
    {
        string? problem = new AzureStorageOptions().Problem();

        Assert.Contains("Storage__TableServiceUri", problem);
        Assert.Contains("Storage__ConnectionString", problem);
    }

    [Theory]
    [InlineData("https://acct.table.core.windows.net", null, "cf")]
    [InlineData(null, "UseDevelopmentStorage=true", "dev1")]
    public void StorageProblem_UsableSettings_IsNull(string? uri, string? connectionString, string prefix)
    {
        Assert.Null(new AzureStorageOptions { TableServiceUri = uri, ConnectionString = connectionString, TablePrefix = prefix }.Problem());
    }

    [Theory]
    [InlineData("not a uri", "cf")]
    [InlineData("https://acct.table.core.windows.net", "1abc")]
    [InlineData("https://acct.table.core.windows.net", "has-dash")]
    public void StorageProblem_BadUriOrPrefix_IsReported(string uri, string prefix)
    {
        Assert.NotNull(new AzureStorageOptions { TableServiceUri = uri, TablePrefix = prefix }.Problem());
    }

    [Fact]
    public void ServiceBusSettings_IdentityBasedForm_ReadsTheNamespace()
    {
        var settings = ServiceBusSettings.From(Config(("ServiceBusConnection:fullyQualifiedNamespace", "sb-x.servicebus.windows.net")));

        Assert.Equal("sb-x.servicebus.windows.net", settings.FullyQualifiedNamespace);
        Assert.Null(settings.ConnectionString);
        Assert.Null(settings.Problem());
    }

    [Fact]
    public void ServiceBusSettings_ConnectionString_IsUsedAsIs()
    {
        var settings = ServiceBusSettings.From(Config(("ServiceBusConnection", "Endpoint=sb://localhost;UseDevelopmentEmulator=true;")));

        Assert.Equal("Endpoint=sb://localhost;UseDevelopmentEmulator=true;", settings.ConnectionString);
        Assert.Null(settings.Problem());
    }

    [Fact]
    public void ServiceBusSettings_Missing_ReportsBothForms()
    {
        string? problem = ServiceBusSettings.From(Config()).Problem();

        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", problem);
    }

    [Fact]
    public void KeyVaultReferences_UnresolvedAmongResolved_NamesOnlyTheUnresolvedKeys()
    {
        IConfiguration configuration = Config(
            ("Auth:OperatorKey", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/operator-key/)"),
            ("Auth:SessionTokenSecret", " @microsoft.keyvault(VaultName=kv-x;SecretName=token-secret)"),
            ("Model:ApiKey", "sk-resolved-value"),
            ("Note", "mentions @Microsoft.KeyVault( in the middle"));

        Assert.Equal(["Auth:OperatorKey", "Auth:SessionTokenSecret"], KeyVaultReferences.Unresolved(configuration));
    }

    [Fact]
    public void KeyVaultReferences_AllResolved_NoneReported()
    {
        Assert.Empty(KeyVaultReferences.Unresolved(Config(("Auth:OperatorKey", "k"), ("Model:ApiKey", "sk-1"))));
    }
}
