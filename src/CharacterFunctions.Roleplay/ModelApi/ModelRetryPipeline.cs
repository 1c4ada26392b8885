using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Models;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// The resilience pipeline around one model call: total timeout ⟶ retry (exponential backoff with jitter,
/// honouring Retry-After up to <see cref="ModelOptions.MaxRetryAfter"/>) ⟶ per-attempt timeout.
/// Pipelines are immutable and shared between client instances with the same settings.
/// </summary>
internal static class ModelRetryPipeline
{
    private sealed record Settings(
        TimeSpan AttemptTimeout, TimeSpan TotalTimeout, int MaxRetries, TimeSpan RetryBaseDelay, TimeSpan MaxRetryAfter, TimeProvider Time);

    private static readonly ConcurrentDictionary<Settings, ResiliencePipeline<HttpResponseMessage>> Cache = new();

    public static ResiliencePipeline<HttpResponseMessage> For(ModelOptions options, TimeProvider time) =>
        Cache.GetOrAdd(
            new Settings(options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.RetryBaseDelay, options.MaxRetryAfter, time),
            Build);

    private static ResiliencePipeline<HttpResponseMessage> Build(Settings s)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = s.Time };
        builder.AddTimeout(s.TotalTimeout);
        if (s.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = s.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = s.RetryBaseDelay,
                MaxDelay = s.MaxRetryAfter > TimeSpan.Zero ? s.MaxRetryAfter : null,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome, s)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Context, args.Outcome)),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(ModelCallState.Key, null!);
                    ModelCallLog.Retrying(state.Logger, state.SessionHeader, state.Model,
                        (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(s.AttemptTimeout);
        return builder.Build();
    }

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome, Settings s)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                TimeoutRejectedException => true,
                HttpRequestException => true,
                IOException => true,
                // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
                OperationCanceledException => !context.CancellationToken.IsCancellationRequested,
                _ => false,
            };
        }

        var response = outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        var state = context.Properties.GetValue(ModelCallState.Key, null!);
        var retryAfter = state.RetryAfterOf(response);
        if (!ProviderFailureMapping.IsRetryable((int)response.StatusCode, state.LastError, retryAfter is not null))
        {
            return false;
        }

        // A long Retry-After is the caller's business (503 + Retry-After), not something to sleep through,
        // and waiting past the total budget would only turn a rate limit into a timeout.
        return retryAfter is null
            || (retryAfter <= s.MaxRetryAfter && state.Elapsed + retryAfter < s.TotalTimeout);
    }

    private static TimeSpan? RetryAfterDelay(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? context.Properties.GetValue(ModelCallState.Key, null!).RetryAfterOf(response)
            : null;
}
