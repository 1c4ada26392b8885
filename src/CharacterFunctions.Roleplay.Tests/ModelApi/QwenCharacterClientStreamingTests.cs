using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Testing;
using static CharacterFunctions.Roleplay.Tests.ModelApi.ModelClientTestKit;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

/// <summary>Streaming (<c>stream: true</c>, SSE) against a real loopback server.</summary>
public sealed class QwenCharacterClientStreamingTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<List<ModelStreamEvent>> Collect(IAsyncEnumerable<ModelStreamEvent> stream, CancellationToken ct = default)
    {
        var events = new List<ModelStreamEvent>();
        await foreach (var e in stream.WithCancellation(ct))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task StreamAsync_TwoChoices_YieldsDeltasThenOneCompletedWithUsage()
    {
        _server.Enqueue(ScriptedResponse.Completion("Working so hard, huh? Let me see that book.", "Oh? So diligent today, class monitor.")
            .WithUsage(130, 24, 64));

        var events = await Collect(Client(_server).StreamAsync(Call(n: 2, session: "stream-1"), CancellationToken.None));

        var deltas = events.OfType<ModelStreamEvent.Delta>().ToList();
        Assert.True(deltas.Count(d => d.ChoiceIndex == 0) > 1, "expected several deltas for choice 0");
        Assert.Contains(deltas, d => d.ChoiceIndex == 1);
        var completed = Assert.IsType<ModelStreamEvent.Completed>(events[^1]);
        Assert.Single(events, e => e is ModelStreamEvent.Completed or ModelStreamEvent.Failed);
        Assert.Equal(["Working so hard, huh? Let me see that book.", "Oh? So diligent today, class monitor."], completed.Completion.Choices);
        Assert.Equal(string.Concat(deltas.Where(d => d.ChoiceIndex == 1).Select(d => d.Text)), completed.Completion.Choices[1]);
        Assert.Equal(new Conversation.TokenUsage(130, 24, 64), completed.Completion.Usage);
        Assert.Equal(["stop", "stop"], completed.Completion.FinishReasons);

        var request = Assert.Single(_server.Requests);
        Assert.True(request.IsStream);
        Assert.True(request.IncludeUsage);
        Assert.Equal("stream-1", request.SessionHeader);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
    }

    [Fact]
    public async Task StreamAsync_ServerErrorBeforeBody_IsRetried()
    {
        _server.Enqueue(ScriptedResponse.Error(500, "internal_error", "boom"));

        var events = await Collect(Client(_server).StreamAsync(Call("hi"), CancellationToken.None));

        var completed = Assert.IsType<ModelStreamEvent.Completed>(events[^1]);
        Assert.Equal("Reply 1 to: hi", completed.Completion.Choices[0]);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task StreamAsync_ProviderBadRequest_YieldsOnlyFailed()
    {
        _server.Enqueue(ScriptedResponse.Error(400, "data_inspection_failed", "Input data may contain inappropriate content."));

        var events = await Collect(Client(_server).StreamAsync(Call(), CancellationToken.None));

        var failed = Assert.IsType<ModelStreamEvent.Failed>(Assert.Single(events));
        Assert.Equal(ModelFailureKind.BadRequest, failed.Failure.Kind);
        Assert.Equal("data_inspection_failed", failed.Failure.Code);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task StreamAsync_ErrorChunkMidStream_YieldsDeltasThenFailedWithoutRetry()
    {
        _server.Enqueue(ScriptedResponse.Raw(200, "text/event-stream",
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Output data may contain inappropriate content.\"},\"request_id\":\"r-9\"}\n\n"));

        var events = await Collect(Client(_server).StreamAsync(Call(), CancellationToken.None));

        Assert.Equal("Hel", Assert.IsType<ModelStreamEvent.Delta>(events[0]).Text);
        var failed = Assert.IsType<ModelStreamEvent.Failed>(events[^1]);
        Assert.Equal(ModelFailureKind.BadRequest, failed.Failure.Kind);
        Assert.Equal("r-9", failed.Failure.RequestId);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task StreamAsync_BodyEndsWithoutDone_FailsUnavailableAfterDeltas()
    {
        _server.Enqueue(ScriptedResponse.Raw(200, "text/event-stream",
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"));

        var events = await Collect(Client(_server).StreamAsync(Call(), CancellationToken.None));

        Assert.IsType<ModelStreamEvent.Delta>(events[0]);
        Assert.Equal(ModelFailureKind.Unavailable, Assert.IsType<ModelStreamEvent.Failed>(events[^1]).Failure.Kind);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task StreamAsync_PlainJsonInsteadOfEvents_FailsInvalidResponse()
    {
        _server.Enqueue(ScriptedResponse.Malformed());

        var events = await Collect(Client(_server).StreamAsync(Call(), CancellationToken.None));

        Assert.Equal(ModelFailureKind.InvalidResponse, Assert.IsType<ModelStreamEvent.Failed>(Assert.Single(events)).Failure.Kind);
    }

    [Fact]
    public async Task StreamAsync_ServerNeverAnswers_FailsTimeout()
    {
        // Generous margins: each attempt must reach the server before its own timeout even on a busy CI machine
        // (a 200 ms attempt once lost its second request to a slow connect).
        _server.DefaultResponder = _ => ScriptedResponse.Delay(TimeSpan.FromSeconds(30));

        var events = await Collect(Client(_server, o => { o.AttemptTimeout = TimeSpan.FromSeconds(1); o.MaxRetries = 1; })
            .StreamAsync(Call(), CancellationToken.None));

        Assert.Equal(ModelFailureKind.Timeout, Assert.IsType<ModelStreamEvent.Failed>(Assert.Single(events)).Failure.Kind);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task StreamAsync_CallerCancels_Throws()
    {
        _server.DefaultResponder = _ => ScriptedResponse.Delay(TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(Client(_server).StreamAsync(Call(), cts.Token)));
    }
}
