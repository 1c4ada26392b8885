using CharacterFunctions.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Tests.Hosting;

public sealed class ApplicationInsightsLoggingTests
{
    private static LoggerFilterOptions FilterOptions(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection().AddLogging();
        register(services);
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value;
    }

    [Fact]
    public void SdkDefaults_WithoutTheApp_KeepOnlyWarningsForApplicationInsights()
    {
        // The defect being fixed: the SDK's own registration filters Information out.
        LoggerFilterOptions options = FilterOptions(s => s.AddApplicationInsightsTelemetryWorkerService());

        Assert.Contains(options.Rules, r => r.ProviderName == ApplicationInsightsLogging.ProviderName && r.LogLevel == LogLevel.Warning);
    }

    [Fact]
    public void AddCharacterFunctionsApplicationInsights_InformationLogs_AreNoLongerFilteredForApplicationInsights()
    {
        LoggerFilterOptions options = FilterOptions(s => s.AddCharacterFunctionsApplicationInsights());

        Assert.DoesNotContain(options.Rules, r => r.ProviderName == ApplicationInsightsLogging.ProviderName && r.CategoryName is null);
    }

    [Fact]
    public void RemoveWarningOnlyRule_CategoryRule_IsKept()
    {
        var options = new LoggerFilterOptions();
        options.Rules.Add(new LoggerFilterRule(ApplicationInsightsLogging.ProviderName, null, LogLevel.Warning, null));
        options.Rules.Add(new LoggerFilterRule(ApplicationInsightsLogging.ProviderName, "Azure.Core", LogLevel.Error, null));

        ApplicationInsightsLogging.RemoveWarningOnlyRule(options);

        var kept = Assert.Single(options.Rules);
        Assert.Equal("Azure.Core", kept.CategoryName);
    }
}
