using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Request lines without credentials. ASP.NET Core's own "Request starting/finished" lines (and Kestrel's
/// bad-request details) print the raw query, so a <c>?code=</c> or <c>?access_token=</c> would be logged
/// verbatim: those categories are held at Warning for every logging provider (a rule per provider beats
/// any configured level, even a provider-specific one), and <see cref="UseRedactedRequestLog"/> writes
/// the line instead with <see cref="QueryRedaction"/> applied.
/// </summary>
public static partial class RequestLog
{
    /// <summary>Categories whose Information/Debug events contain the raw request target.</summary>
    public static readonly IReadOnlyList<string> RawTargetCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
    ];

    public const string Category = "CharacterFunctions.Requests";

    /// <summary>Paths carry ids; a 10,000-character one is cut rather than filling the log.</summary>
    public const int MaxLoggedPathChars = 256;

    /// <summary>Silences the raw-target categories below Warning (both hosts).</summary>
    public static IServiceCollection AddRedactedRequestLog(this IServiceCollection services) =>
        // Registered after the configuration's rules, so on an equally specific rule this one wins.
        services.AddSingleton<IConfigureOptions<LoggerFilterOptions>>(sp => new ConfigureOptions<LoggerFilterOptions>(options =>
        {
            var providers = sp.GetServices<ILoggerProvider>().Select(p => p.GetType().FullName).Append(null).Distinct();
            foreach (var provider in providers)
            {
                foreach (var category in RawTargetCategories)
                {
                    options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, filter: null));
                }
            }
        }));

    /// <summary>One Information line per request: method, path, redacted query, status, duration.</summary>
    public static IApplicationBuilder UseRedactedRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var request = context.Request;
                LogRequest(logger, request.Method, EchoBounds.Value(request.Path.Value ?? "", MaxLoggedPathChars), QueryRedaction.Redact(request.QueryString),
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Path}{Query} responded {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int status, double elapsedMs);
}
