using System.Diagnostics;
using System.Globalization;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Testing;
using static CharacterFunctions.Roleplay.Tests.ModelApi.ModelClientTestKit;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

/// <summary>The non-streaming client against a real loopback server.</summary>
public sealed class QwenCharacterClientTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_Success_SendsBodyAndHeadersAndParsesUsage()
    {
        _server.Enqueue(ScriptedResponse.Completion("Oh? So serious.").WithUsage(134, 31, 100));
        var client = Client(_server);

        var result = await client.CompleteAsync(Call("I'm reading a book.", session: "s-42:jiang-rang"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["Oh? So serious."], result.Completion!.Choices);
        Assert.Equal(["stop"], result.Completion.FinishReasons);
        Assert.Equal(new Conversation.TokenUsage(134, 31, 100), result.Completion.Usage);
        Assert.Equal("qwen-plus-character", result.Completion.Model);
        Assert.StartsWith("chatcmpl-", result.Completion.Id, StringComparison.Ordinal);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/compatible-mode/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.Equal("s-42:jiang-rang", request.SessionHeader);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("qwen-plus-character", request.Model);
        Assert.Equal(["system", "assistant", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("I'm reading a book.", request.Messages[^1].Content);
        // Nulls are omitted: no n, seed, stream or partial fields were set.
        Assert.DoesNotContain("\"n\"", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("null", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("stream", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_ChineseText_IsSentAsUtf8NotEscaped()
    {
        await Client(_server).CompleteAsync(Call("我在看书"), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Contains("我在看书", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", request.Body, StringComparison.Ordinal);
        Assert.Equal("我在看书", request.Messages[^1].Content);
    }

    [Fact]
    public async Task CompleteAsync_DashScopeExtensions_AreSentWithTheirWireNames()
    {
        var call = new ModelCall(new ChatCompletionRequest
        {
            Model = "qwen-plus-character",
            Messages = [ChatMessage.System("You are Ling Lu."), ChatMessage.User("Cheng Yi: hi"), ChatMessage.PartialAssistant("Ling Lu:")],
            Seed = 123321,
            TopP = 0.9,
            MaxTokens = 200,
            LogitBias = new Dictionary<string, int> { ["320"] = -100 },
            EnableSearch = true,
            CharacterOptions = new CharacterOptions
            {
                Profile = "You are Ling Lu.",
                EnableRealtime = true,
                Memory = new MemoryOptions { EnableLongTermMemory = true, MemoryEntries = 50, SkipSaveTypes = ["system"] },
            },
        }, "group-1:ling-lu");

        await Client(_server).CompleteAsync(call, CancellationToken.None);

        var json = Assert.Single(_server.Requests).Json!;
        Assert.True(json["messages"]![2]!["partial"]!.GetValue<bool>());
        Assert.Null(json["messages"]![1]!["partial"]);
        Assert.Equal(123321, json["seed"]!.GetValue<long>());
        Assert.Equal(0.9, json["top_p"]!.GetValue<double>());
        Assert.Equal(200, json["max_tokens"]!.GetValue<int>());
        Assert.Equal(-100, json["logit_bias"]!["320"]!.GetValue<int>());
        Assert.True(json["enable_search"]!.GetValue<bool>());
        Assert.True(json["character_options"]!["enable_realtime"]!.GetValue<bool>());
        Assert.Equal(50, json["character_options"]!["memory"]!["memory_entries"]!.GetValue<int>());
        Assert.True(json["character_options"]!["memory"]!["enable_long_term_memory"]!.GetValue<bool>());
        Assert.Equal("system", json["character_options"]!["memory"]!["skip_save_types"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteAsync_RequestMarkedStream_IsSentWithoutStreamFields()
    {
        var call = Call();
        call = call with { Body = call.Body with { Stream = true, StreamOptions = new StreamOptions { IncludeUsage = true } } };

        var result = await Client(_server).CompleteAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.False(Assert.Single(_server.Requests).IsStream);
    }

    [Fact]
    public async Task CompleteAsync_NTwo_ReturnsBothChoicesInIndexOrder()
    {
        var client = Client(_server);

        var result = await client.CompleteAsync(Call("Hello there", n: 2), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["Reply 1 to: Hello there", "Reply 2 to: Hello there"], result.Completion!.Choices);
        Assert.Equal(2, Assert.Single(_server.Requests).N);
        Assert.True(result.Completion.Usage.PromptTokens > 0);
    }

    [Fact]
    public async Task CompleteAsync_ChoicesOutOfOrder_AreOrderedByIndex()
    {
        _server.Enqueue(ScriptedResponse.Raw(200, "application/json",
            """{"id":"x","model":"m","choices":[{"index":1,"message":{"content":"second"},"finish_reason":"length"},{"index":0,"message":{"content":"first"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"prompt_tokens_details":null}}"""));

        var result = await Client(_server).CompleteAsync(Call(n: 2), CancellationToken.None);

        Assert.Equal(["first", "second"], result.Completion!.Choices);
        Assert.Equal(["stop", "length"], result.Completion.FinishReasons);
        Assert.Equal(new Conversation.TokenUsage(5, 2, 0), result.Completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_QuotaCodeButRetryAfter_RetriedThenSucceeds()
    {
        // The provider says when to come back: that beats the guess from the code's wording.
        _server.Enqueue(ScriptedResponse.Error(429, "insufficient_quota", "Slow down", TimeSpan.FromSeconds(1)));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        _server.Enqueue(ScriptedResponse.Error(429, "limit_requests", "Requests rate limit exceeded", TimeSpan.FromSeconds(1)));
        var stopwatch = Stopwatch.StartNew();

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _server.Requests.Count);
        var gap = _server.Requests[1].ReceivedAt - _server.Requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"waited only {gap.TotalMilliseconds} ms of a 1 s Retry-After");
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task CompleteAsync_ServerErrorEveryTime_FailsUnavailableAfterAllRetries()
    {
        _server.DefaultResponder = _ => ScriptedResponse.Error(500, "internal_error", "boom");

        var result = await Client(_server, o => o.MaxRetries = 3).CompleteAsync(Call(), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ModelFailureKind.Unavailable, result.Failure!.Kind);
        Assert.Equal(500, result.Failure.HttpStatus);
        Assert.Equal("internal_error", result.Failure.Code);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_ServerErrorThenSuccess_Recovers()
    {
        _server.Enqueue(ScriptedResponse.Error(503, "service_unavailable", "busy"), ScriptedResponse.Error(502, "bad_gateway", "proxy"));

        var result = await Client(_server).CompleteAsync(Call("again"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("Reply 1 to: again", result.Completion!.Choices[0]);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_ServerSlowerThanAttemptTimeout_FailsTimeoutAfterRetries()
    {
        // Generous margins: the second attempt must reach the server before its own timeout even on a busy machine.
        _server.DefaultResponder = _ => ScriptedResponse.Delay(TimeSpan.FromSeconds(30), ScriptedResponse.Completion("late"));

        var result = await Client(_server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 1;
        }).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_TotalTimeoutShorterThanRetries_FailsTimeout()
    {
        // The first attempt must reach the server before the total timeout even on a busy machine.
        _server.DefaultResponder = _ => ScriptedResponse.Delay(TimeSpan.FromSeconds(30), ScriptedResponse.Completion("late"));

        var result = await Client(_server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.TotalTimeout = TimeSpan.FromSeconds(1);
        }).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Timeout, result.Failure!.Kind);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_MalformedJson_FailsInvalidResponseWithoutRetry()
    {
        _server.Enqueue(ScriptedResponse.Malformed());

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData("""{"code":"Throttling","message":"hmm","request_id":"r"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant"}}]}""")]
    public async Task CompleteAsync_OkWithoutUsableChoices_FailsInvalidResponse(string body)
    {
        _server.Enqueue(ScriptedResponse.Raw(200, "application/json", body));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.InvalidResponse, result.Failure!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_ProviderBadRequest_FailsBadRequestWithProviderDetailsAndOneRequest()
    {
        _server.Enqueue(ScriptedResponse.Error(400, "data_inspection_failed", "Input data may contain inappropriate content."));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        var failure = result.Failure!;
        Assert.Equal(ModelFailureKind.BadRequest, failure.Kind);
        Assert.Equal(400, failure.HttpStatus);
        Assert.Equal("data_inspection_failed", failure.Code);
        Assert.Equal("Input data may contain inappropriate content.", failure.Message);
        Assert.Equal($"fake-req-{_server.Requests[0].Sequence}", failure.RequestId);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_DashScopeShapedError_IsParsed()
    {
        _server.Enqueue(ScriptedResponse.DashScopeError(400, "InvalidParameter", "Range of input length should be [1, 30720]"));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.BadRequest, result.Failure!.Kind);
        Assert.Equal("InvalidParameter", result.Failure.Code);
        Assert.Equal("Range of input length should be [1, 30720]", result.Failure.Message);
        Assert.NotNull(result.Failure.RequestId);
    }

    [Theory]
    [InlineData(429, "insufficient_quota")]
    [InlineData(429, "Arrearage")]
    [InlineData(429, "AllocationQuota.FreeTierOnly")]
    [InlineData(403, "Throttling.AllocationQuota")]
    public async Task CompleteAsync_QuotaOrArrears_FailsQuotaExhaustedWithoutRetry(int status, string code)
    {
        _server.Enqueue(ScriptedResponse.Error(status, code, "You exceeded your current quota."));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.QuotaExhausted, result.Failure!.Kind);
        Assert.Equal(code, result.Failure.Code);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_RetryAfterAboveMaximum_FailsRateLimitedAtOnceCarryingRetryAfter()
    {
        _server.Enqueue(ScriptedResponse.Error(429, "limit_requests", "slow down", TimeSpan.FromSeconds(120)));
        var stopwatch = Stopwatch.StartNew();

        var result = await Client(_server, o => o.MaxRetryAfter = TimeSpan.FromSeconds(2)).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.Failure.RetryAfter);
        Assert.Single(_server.Requests);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), "the client slept through a Retry-After it should have passed on");
    }

    [Fact]
    public async Task CompleteAsync_RetryAfterAsHttpDate_IsHonouredAsDelay()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(30).ToString("R", CultureInfo.InvariantCulture);
        _server.Enqueue(ScriptedResponse.Error(503, "overloaded", "try later").WithHeader("Retry-After", at));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Unavailable, result.Failure!.Kind);
        Assert.InRange(result.Failure.RetryAfter!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_RateLimitedEveryTime_FailsRateLimitedAfterRetries()
    {
        _server.DefaultResponder = _ => ScriptedResponse.Error(429, "limit_requests", "slow down", TimeSpan.Zero);

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.Zero, result.Failure.RetryAfter);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task CompleteAsync_KeyRejected_FailsUnauthorizedWithoutRetry(int status)
    {
        _server.Enqueue(ScriptedResponse.Error(status, "invalid_api_key", $"Incorrect API key provided: {ApiKey}"));

        var result = await Client(_server).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Unauthorized, result.Failure!.Kind);
        Assert.DoesNotContain(ApiKey, result.Failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_ConnectionDropped_FailsUnavailableAfterRetries()
    {
        _server.DefaultResponder = _ => ScriptedResponse.Abort();

        var result = await Client(_server, o => o.MaxRetries = 1).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Unavailable, result.Failure!.Kind);
        Assert.Null(result.Failure.HttpStatus);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_NobodyListening_FailsUnavailable()
    {
        var closed = await FakeModelServer.StartAsync();
        var baseUrl = closed.BaseUrl;
        await closed.DisposeAsync();

        var result = await Client(_server, o => { o.BaseUrl = baseUrl; o.MaxRetries = 1; }).CompleteAsync(Call(), CancellationToken.None);

        Assert.Equal(ModelFailureKind.Unavailable, result.Failure!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_ThrowsOperationCanceledInsteadOfTimeout()
    {
        _server.DefaultResponder = _ => ScriptedResponse.Delay(TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(_server).CompleteAsync(Call(), cts.Token));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_Logs_CarrySessionButNeverContentOrKey()
    {
        var logger = new RecordingLogger<QwenCharacterClient>();
        var secretText = "my secret diary entry";
        _server.Enqueue(ScriptedResponse.Error(500, "internal_error", "boom"));
        var client = Client(_server, logger: logger);

        await client.CompleteAsync(Call(secretText, session: "sess-log-1"), CancellationToken.None);
        _server.Enqueue(ScriptedResponse.Error(400, "invalid_parameter_error", "bad"));
        await client.CompleteAsync(Call(secretText, session: "sess-log-1"), CancellationToken.None);

        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line =>
        {
            Assert.Contains("sess-log-1", line, StringComparison.Ordinal);
            Assert.DoesNotContain(secretText, line, StringComparison.Ordinal);
            Assert.DoesNotContain("Reply 1 to", line, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, line, StringComparison.Ordinal);
        });
        Assert.Contains(logger.Lines, line => line.Contains("Attempts=2", StringComparison.Ordinal));
    }
}
