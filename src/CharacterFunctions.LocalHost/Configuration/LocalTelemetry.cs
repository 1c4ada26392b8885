using CharacterFunctions.Roleplay.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CharacterFunctions.LocalHost.Configuration;

/// <summary>
/// OpenTelemetry export of the core's spans and metrics (and ASP.NET Core's), off unless
/// <c>Telemetry__Exporter</c> is <c>console</c> or <c>otlp</c> (the OTLP exporter reads
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, default http://localhost:4317).
/// </summary>
public static class LocalTelemetry
{
    public const string ExporterKey = "Telemetry:Exporter";

    public static IServiceCollection AddLocalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = configuration[ExporterKey]?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(exporter) || exporter == "none")
        {
            return services;
        }
        if (exporter is not ("console" or "otlp"))
        {
            throw new InvalidOperationException($"{ExporterKey} must be none, console or otlp.");
        }

        var otlp = exporter == "otlp";
        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(RoleplayTelemetry.Name, "Microsoft.AspNetCore");
                _ = otlp ? tracing.AddOtlpExporter() : tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RoleplayTelemetry.Name, "Microsoft.AspNetCore.Hosting");
                _ = otlp ? metrics.AddOtlpExporter() : metrics.AddConsoleExporter();
            });
        return services;
    }
}
