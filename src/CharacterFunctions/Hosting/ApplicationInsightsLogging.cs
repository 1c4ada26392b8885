using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// Application Insights for the worker. The SDK adds a logger filter rule that keeps only Warning and above
/// for its provider, so the app's Information logs (settled events, nudges, reactions, publishes, purges)
/// would never arrive; that rule is removed, as the isolated-worker guide shows, and host.json's log levels
/// decide instead.
/// </summary>
public static class ApplicationInsightsLogging
{
    public const string ProviderName = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection AddCharacterFunctionsApplicationInsights(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        services.Configure<LoggerFilterOptions>(RemoveWarningOnlyRule);
        return services;
    }

    /// <summary>Drops the SDK's provider-wide rule (no category), keeping any rule configured for a category.</summary>
    public static void RemoveWarningOnlyRule(LoggerFilterOptions options)
    {
        LoggerFilterRule? rule = options.Rules.FirstOrDefault(r => r.ProviderName == ProviderName && r.CategoryName is null);
        if (rule is not null)
        {
            options.Rules.Remove(rule);
        }
    }
}
