using Azure.Monitor.OpenTelemetry.Exporter;
using CharacterFunctions.Roleplay.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// The core's spans and metrics (<see cref="RoleplayTelemetry"/>) to Application Insights: OpenTelemetry with
/// the worker's integration (invocation context, resource) and the Azure Monitor exporter, which reads
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>. Logs stay with <see cref="ApplicationInsightsLogging"/>.
/// </summary>
public static class AzureTelemetry
{
    public static IServiceCollection AddCharacterFunctionsTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(RoleplayTelemetry.Name).AddAzureMonitorTraceExporter())
            .WithMetrics(metrics => metrics.AddMeter(RoleplayTelemetry.Name).AddAzureMonitorMetricExporter());
        return services;
    }
}
