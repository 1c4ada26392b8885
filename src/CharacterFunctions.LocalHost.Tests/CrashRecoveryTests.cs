using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>
/// A host killed with SIGKILL in the middle of a turn's model call, restarted on the same database: the
/// client's retry of that turn must be answered at once, not after the old claim times out (issue 15).
/// </summary>
public sealed class CrashRecoveryTests(LocalHostFixture fixture) : LocalHostTestBase(fixture), IAsyncLifetime
{
    private readonly HostSandbox _sandbox = new("crash-recovery");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostTurn_HostKilledDuringModelCallThenRestarted_RetrySucceedsAtOnce(bool streamed)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = $"Data Source={_sandbox.DatabasePath("crash.db")}",
            ["Model__BaseUrl"] = Model.BaseUrl,
            ["Model__ApiKey"] = "test-model-key",
            ["Model__MaxRetries"] = "0",
            ["Auth__OperatorKey"] = LocalHostFixture.OperatorKey,
            ["Auth__SessionTokenSecret"] = LocalHostFixture.TokenSecret,
        };
        var turnId = Turn();
        var turn = new { turnId, text = "Hello." };
        string sessionId;
        string token;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var api = new ApiClient(first.BaseAddress, LocalHostFixture.OperatorKey);
            await api.PutCharacterAsync("crash-character", new JsonObject { ["name"] = "Jiang Rang", ["systemPrompt"] = JiangRangPrompt, ["openingLine"] = OpeningLine });
            var session = await api.CreateSessionAsync(new
            {
                characterIds = new[] { "crash-character" },
                players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
            });
            (sessionId, token) = (session.SessionId, session.Token);
            Model.ReplyAfter(sessionId, TimeSpan.FromSeconds(30), "Never delivered.");

            var lost = api.SendAsync(HttpMethod.Post, TurnPath(sessionId), turn, token, configure: r => AcceptStream(r, streamed));
            await WaitForModelCallAsync(sessionId, lost);
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => lost);
        }

        await using var restarted = await HostProcess.StartAsync(settings);
        using var retryApi = new ApiClient(restarted.BaseAddress, LocalHostFixture.OperatorKey);
        Model.Reply(sessionId, "Recovered after the crash.");

        var clock = Stopwatch.StartNew();
        using var retry = await retryApi.SendAsync(HttpMethod.Post, TurnPath(sessionId), turn, token, configure: r => AcceptStream(r, streamed));
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The retry took {clock.Elapsed} (the old claim blocked it).");
        var transcript = await retryApi.MessagesAsync(sessionId, token);
        Assert.Equal(["assistant", "user", "assistant"], transcript.Select(Role));
        Assert.Equal("Recovered after the crash.", Text(transcript[2]).Trim());
        Assert.Equal(2, Model.RequestsFor(sessionId).Count);
    }

    private static string TurnPath(string sessionId) => $"/api/sessions/{sessionId}/turns";

    private static void AcceptStream(HttpRequestMessage request, bool streamed)
    {
        if (streamed)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }
    }

    private async Task WaitForModelCallAsync(string sessionId, Task<HttpResponseMessage> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Model.RequestsFor(sessionId).Count == 0)
        {
            Assert.False(request.IsCompleted, "The turn ended before its model call started.");
            Assert.True(DateTime.UtcNow < deadline, "The model was never called.");
            await Task.Delay(20);
        }
    }
}
