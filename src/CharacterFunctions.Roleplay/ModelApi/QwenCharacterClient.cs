using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using CharacterFunctions.Roleplay.ModelApi.Wire;
using CharacterFunctions.Roleplay.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// The Qwen-Character OpenAI-compatible endpoint (<c>POST {BaseUrl}/chat/completions</c>) as a typed
/// HttpClient. Provider errors, timeouts and connection failures come back as <see cref="ModelFailure"/>
/// after bounded retries; only the caller's own cancellation throws (<see cref="OperationCanceledException"/>).
/// </summary>
public sealed class QwenCharacterClient : IChatModel
{
    private readonly HttpClient _http;
    private readonly ModelOptions _options;
    private readonly Uri _url;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <param name="http">Its own <see cref="HttpClient.Timeout"/> should be infinite: the options bound time.</param>
    public QwenCharacterClient(HttpClient http, IOptions<ModelOptions> options, TimeProvider time, ILogger<QwenCharacterClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _url = ModelEndpoint.ChatCompletionsUrl(_options);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _pipeline = ModelRetryPipeline.For(_options, _time);
    }

    public bool IsOffline => false;

    /// <summary>The resolved <c>…/chat/completions</c> URL (for health output and diagnostics).</summary>
    public Uri ChatCompletionsUrl => _url;

    public async Task<ModelResult> CompleteAsync(ModelCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var state = NewState(call, streaming: false);

        var outcome = await SendWithRetriesAsync(state, ct).ConfigureAwait(false);
        if (outcome.Exception is { } exception)
        {
            return ModelResult.Fail(Report(state, FailureFrom(exception, state, ct), null));
        }

        using var response = outcome.Result!;
        var headerRequestId = ModelCallState.RequestIdHeader(response);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var failure = ProviderFailureMapping.FromStatus(status, state.LastError, state.RetryAfterOf(response), headerRequestId);
            return ModelResult.Fail(Report(state, failure, headerRequestId));
        }

        var result = CompletionParser.Parse(state.LastBody, state.Model, headerRequestId);
        if (result.Failure is { } invalid)
        {
            Report(state, invalid, headerRequestId);
        }
        else
        {
            ModelCallLog.Succeeded(_logger, state.SessionHeader, state.Model, status, state.Attempts,
                result.Completion!.Id, state.Elapsed.TotalMilliseconds);
            state.Ended("ok", result.Completion.Usage);
        }

        return result;
    }

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var state = NewState(call, streaming: true);

        // Retries cover only connecting and the response head: once the body is read, deltas may have
        // reached the caller and a second attempt would duplicate them.
        var outcome = await SendWithRetriesAsync(state, ct).ConfigureAwait(false);
        if (outcome.Exception is { } exception)
        {
            yield return new ModelStreamEvent.Failed(Report(state, FailureFrom(exception, state, ct), null));
            yield break;
        }

        using var response = outcome.Result!;
        var headerRequestId = ModelCallState.RequestIdHeader(response);
        if (!response.IsSuccessStatusCode)
        {
            var failure = ProviderFailureMapping.FromStatus((int)response.StatusCode, state.LastError, state.RetryAfterOf(response), headerRequestId);
            yield return new ModelStreamEvent.Failed(Report(state, failure, headerRequestId));
            yield break;
        }

        var remaining = _options.TotalTimeout - state.Elapsed;
        using var reader = new ModelStreamReader(response, state, headerRequestId,
            remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), _options.AttemptTimeout, ct);
        while (true)
        {
            var step = await reader.NextAsync().ConfigureAwait(false);
            foreach (var delta in step.Deltas)
            {
                yield return delta;
            }

            if (step.Final is null)
            {
                continue;
            }

            if (step.Final.Completion is { } completion)
            {
                ModelCallLog.Succeeded(_logger, state.SessionHeader, state.Model, (int)response.StatusCode, state.Attempts,
                    completion.Id, state.Elapsed.TotalMilliseconds);
                state.Ended("ok", completion.Usage);
                yield return new ModelStreamEvent.Completed(completion);
            }
            else
            {
                yield return new ModelStreamEvent.Failed(Report(state, step.Final.Failure!, headerRequestId));
            }

            yield break;
        }
    }

    private ModelCallState NewState(ModelCall call, bool streaming) =>
        new(_http, _url, _options.ApiKey, ModelWire.Serialize(ModelWire.Body(call, streaming)), call, streaming, _logger, _time);

    private async ValueTask<Outcome<HttpResponseMessage>> SendWithRetriesAsync(ModelCallState state, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(ModelCallState.Key, state);
        try
        {
            return await _pipeline.ExecuteOutcomeAsync(static (ctx, s) => AttemptAsync(ctx, s), context, state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt. Error bodies (and whole non-streamed bodies) are read here, under the attempt timeout.</summary>
    private static async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(ResilienceContext context, ModelCallState state)
    {
        state.Attempts++;
        state.LastBody = [];
        state.LastError = ProviderError.None;
        HttpResponseMessage? response = null;
        try
        {
            using var request = state.CreateRequest();
            response = await state.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
            if (!state.Streaming || !response.IsSuccessStatusCode)
            {
                state.LastBody = await response.Content.ReadAsByteArrayAsync(context.CancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    state.LastError = ProviderError.Parse(state.LastBody);
                }
            }

            return Outcome.FromResult(response);
        }
        catch (Exception exception)
        {
            response?.Dispose();
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    /// <summary>Maps what escaped every attempt; the caller's cancellation is rethrown, bugs are not hidden.</summary>
    private ModelFailure FailureFrom(Exception exception, ModelCallState state, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            ModelCallLog.Cancelled(_logger, state.SessionHeader, state.Model, state.Attempts, state.Elapsed.TotalMilliseconds);
            state.Ended("cancelled");
            throw new OperationCanceledException("The model call was cancelled by the caller.", exception, ct);
        }

        switch (exception)
        {
            case TimeoutRejectedException:
            case OperationCanceledException:
                return ProviderFailureMapping.Timeout($"The model provider did not answer in time ({state.Attempts} attempt(s)).");
            case HttpRequestException or IOException:
                return ProviderFailureMapping.Connection(
                    $"The model provider could not be reached ({exception.GetType().Name}, {state.Attempts} attempt(s)).");
            default:
                ExceptionDispatchInfo.Throw(exception);
                return null!; // unreachable: Throw never returns
        }
    }

    private ModelFailure Report(ModelCallState state, ModelFailure failure, string? headerRequestId)
    {
        ModelCallLog.Failed(_logger, failure.Kind, state.SessionHeader, state.Model, failure.HttpStatus, failure.Code,
            state.Attempts, failure.RequestId ?? headerRequestId, state.Elapsed.TotalMilliseconds);
        state.Ended(failure.Kind.ToString());
        return failure;
    }
}
