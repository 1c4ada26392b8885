using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class ModelFailureTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_ModelRateLimitedOnceThenAnswers_Ok()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Fail(session.SessionId, 429, retryAfterSeconds: 1);
        Model.Reply(session.SessionId, "Sorry, I was busy.");

        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello?" });

        Assert.Equal("Sorry, I was busy.", Text(turn["messages"]!.AsArray()[^1]));
        Assert.Equal(2, Model.RequestsFor(session.SessionId).Count);
    }

    [Fact]
    public async Task PostTurn_Model429WithQuotaCodeAndRetryAfterThenAnswers_Ok()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Fail(session.SessionId, 429, retryAfterSeconds: 1, code: "insufficient_quota");
        Model.Reply(session.SessionId, "Back again.");

        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello?" });

        Assert.Equal("Back again.", Text(turn["messages"]!.AsArray()[^1]));
        Assert.Equal(2, Model.RequestsFor(session.SessionId).Count);
    }

    [Fact]
    public async Task PostTurn_ModelQuotaExhaustedWithoutRetryAfter_ServiceUnavailableStillNamesRetryAfter()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Fail(session.SessionId, 429, code: "Arrearage");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Arrearage", problem["code"]!.GetValue<string>());
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task PostTurn_ModelKeepsFailing_GatewayProblemAndNoAssistantMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        HttpResponseMessage response;
        using (Model.FailEveryRequest(session.SessionId, 500))
        {
            response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token);
        }

        using (response)
        {
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
            await ApiClient.ExpectProblemAsync(response, response.StatusCode);
        }
        Assert.True(Model.RequestsFor(session.SessionId).Count >= 2, "the client retries 5xx");
        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(["opening"], transcript.Where(m => Role(m) == "assistant").Select(Kind));
    }

    [Fact]
    public async Task PostTurn_ModelUnavailableWithRetryAfter_ServiceUnavailableWithRetryAfterAndNoAssistantMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The fixture allows two retries: three scripted 503s exhaust them.
            Model.Fail(session.SessionId, 503, retryAfterSeconds: 1, code: "ServiceUnavailable");
        }

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("ServiceUnavailable", problem["code"]!.GetValue<string>());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is passed on");
        Assert.Equal(3, Model.RequestsFor(session.SessionId).Count);
        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(["opening"], transcript.Where(m => Role(m) == "assistant").Select(Kind));
    }

    [Fact]
    public async Task PostTurn_StreamingAndModelKeepsFailing_ProblemInsteadOfStream()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        HttpResponseMessage response;
        using (Model.FailEveryRequest(session.SessionId, 500))
        {
            response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token,
                configure: r => r.Headers.Accept.ParseAdd("text/event-stream"));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                // The stream had started: the failure must arrive as an error event carrying the problem.
                Assert.Contains("event: error", text, StringComparison.Ordinal);
                Assert.DoesNotContain("event: done", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
                await ApiClient.ExpectProblemAsync(response, response.StatusCode);
            }
        }
        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.DoesNotContain(transcript, m => Kind(m) == "reply");
    }

    [Fact]
    public async Task PostTurn_ModelRejectsInput_UnprocessableWithProviderCode()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Fail(session.SessionId, 400, code: "data_inspection_failed");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("data_inspection_failed", problem["code"]!.GetValue<string>());
        Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.DoesNotContain(await Api.MessagesAsync(session.SessionId, session.Token), m => Kind(m) == "reply");
    }
}
