using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// App Service resolves <c>@Microsoft.KeyVault(SecretUri=...)</c> settings before the worker starts; when it
/// cannot (no access, wrong name), the literal reference stays in the setting. That string is guessable from
/// the app's name, so an operator key or token secret holding it would be a known secret: the app refuses to
/// start instead.
/// </summary>
public static class KeyVaultReferences
{
    private const string Marker = "@Microsoft.KeyVault(";

    /// <summary>The keys (never the values) of every setting that still holds an unresolved reference.</summary>
    public static IReadOnlyList<string> Unresolved(IConfiguration configuration) =>
        [.. configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Marker, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)];

    /// <summary>Throws, naming the settings, when any reference is unresolved.</summary>
    public static void EnsureResolved(IConfiguration configuration)
    {
        IReadOnlyList<string> unresolved = Unresolved(configuration);
        if (unresolved.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unresolved Key Vault references in {string.Join(", ", unresolved)}: check the app identity's access to the vault " +
                "and the secret names (the app does not start with a literal reference as a secret).");
        }
    }
}
