using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// The app's own Service Bus client reads the same setting the trigger uses (<c>ServiceBusConnection</c>):
/// either a connection string (local emulator or a dev namespace) or, in Azure, the identity-based form
/// <c>ServiceBusConnection__fullyQualifiedNamespace</c> (+ <c>__credential</c>/<c>__clientId</c> for the host).
/// </summary>
public sealed record ServiceBusSettings(string? ConnectionString, string? FullyQualifiedNamespace)
{
    public const string SectionName = "ServiceBusConnection";

    public static ServiceBusSettings From(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(SectionName);
        return new ServiceBusSettings(
            string.IsNullOrWhiteSpace(section.Value) ? null : section.Value,
            section["fullyQualifiedNamespace"] is { Length: > 0 } ns ? ns : null);
    }

    /// <summary>Null when usable, else what is missing (checked at start-up).</summary>
    public string? Problem() => ConnectionString is null && FullyQualifiedNamespace is null
        ? "Set ServiceBusConnection (connection string) or ServiceBusConnection__fullyQualifiedNamespace (managed identity)."
        : null;
}
