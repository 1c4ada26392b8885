using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Reads an SSE completion body step by step, turning I/O problems into failures so the async iterator in
/// <see cref="QwenCharacterClient"/> never needs a catch block. The body gets the rest of the total budget,
/// and no single wait between events may exceed the attempt timeout.
/// </summary>
internal sealed class ModelStreamReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly ModelCallState _state;
    private readonly string? _headerRequestId;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private readonly StreamAssembler _assembler;
    private ServerSentEvents? _events;
    private int _eventCount;

    public ModelStreamReader(HttpResponseMessage response, ModelCallState state, string? headerRequestId,
        TimeSpan remainingBudget, TimeSpan idleTimeout, CancellationToken callerToken)
    {
        _response = response;
        _state = state;
        _headerRequestId = headerRequestId;
        _idleTimeout = idleTimeout;
        _callerToken = callerToken;
        _deadline = new CancellationTokenSource(remainingBudget, state.Time);
        _idle = new CancellationTokenSource(idleTimeout, state.Time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadline.Token, _idle.Token);
        _assembler = new StreamAssembler(state.Model);
    }

    /// <summary>Deltas of one event, and the final result once the stream is over.</summary>
    public sealed record Step(IReadOnlyList<ModelStreamEvent.Delta> Deltas, ModelResult? Final);

    private static readonly IReadOnlyList<ModelStreamEvent.Delta> NoDeltas = [];

    public async ValueTask<Step> NextAsync()
    {
        try
        {
            _idle.CancelAfter(_idleTimeout);
            _events ??= new ServerSentEvents(await _response.Content.ReadAsStreamAsync(_linked.Token).ConfigureAwait(false));
            var data = await _events.ReadEventAsync(_linked.Token).ConfigureAwait(false);
            if (data is null)
            {
                // Without [DONE] the stream is only trusted if every choice said why it finished. A body
                // without a single event was never a stream (e.g. plain JSON): that is a protocol problem.
                return _assembler.AllChoicesFinished ? Final(_assembler.Complete(_headerRequestId))
                    : _eventCount == 0 ? Final(ModelResult.Fail(ProviderFailureMapping.Invalid(200, "The model answered without an event stream.", _headerRequestId)))
                    : Final(ModelResult.Fail(ProviderFailureMapping.Connection("The model stream ended before it was complete.")));
            }

            _eventCount++;

            if (data == "[DONE]")
            {
                return Final(_assembler.Complete(_headerRequestId));
            }

            var deltas = _assembler.Apply(data);
            if (deltas is null)
            {
                return Final(ModelResult.Fail(ProviderFailureMapping.Invalid(200, "The model stream carried malformed JSON.", _headerRequestId)));
            }

            return _assembler.Failure is { } failure
                ? new Step(deltas, ModelResult.Fail(failure))
                : new Step(deltas, null);
        }
        catch (OperationCanceledException) when (_callerToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Final(ModelResult.Fail(ProviderFailureMapping.Timeout("The model stream stalled or exceeded the total time budget.")));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return Final(ModelResult.Fail(ProviderFailureMapping.Connection($"The model stream broke off ({exception.GetType().Name}).")));
        }
    }

    private static Step Final(ModelResult result) => new(NoDeltas, result);

    public void Dispose()
    {
        _linked.Dispose();
        _idle.Dispose();
        _deadline.Dispose();
    }
}
