using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class IdempotencyAndConcurrencyTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_SameTurnIdRetried_SameResultAndOneModelCall()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var turnId = Turn();
        Model.Reply(session.SessionId, "Only once.");

        var first = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });
        var retry = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });

        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(3, (await Api.MessagesAsync(session.SessionId, session.Token)).Count);
    }

    [Fact]
    public async Task PostTurn_IdempotencyKeyHeaderRetried_OneModelCall()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var key = Turn();
        Model.Reply(session.SessionId, "Header keyed.");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { text = "Hello." }, session.Token,
                configure: r => r.Headers.Add("Idempotency-Key", key));
            var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal("Header keyed.", Text(body["messages"]!.AsArray()[^1]));
        }

        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task PostTurn_SameTurnIdDifferentBody_UnprocessableAndNothingAdded()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var turnId = Turn();
        Model.Reply(session.SessionId, "First.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId, text = "Something else." }, session.Token);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(3, (await Api.MessagesAsync(session.SessionId, session.Token)).Count);
    }

    [Fact]
    public async Task PostTurn_RetryAfterLeaseLengthWhileModelStillAnswers_ConflictAndOneModelCall()
    {
        // The fixture's lease is 1 s; the model takes 3 s, so only renewal keeps the running turn's claim.
        var session = await NewSessionAsync(await NewCharacterAsync());
        var turnId = Turn();
        Model.ReplyAfter(session.SessionId, TimeSpan.FromSeconds(3), "Slow but single.");

        var first = Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });
        while (Model.RequestsFor(session.SessionId).Count == 0 && !first.IsCompleted)
        {
            await Task.Delay(20);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        using (var retry = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId, text = "Hello." }, session.Token))
        {
            await ApiClient.ExpectProblemAsync(retry, HttpStatusCode.Conflict);
        }

        var answered = await first;
        Assert.Equal("Slow but single.", Text(answered["messages"]!.AsArray()[^1]).Trim());
        Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(3, (await Api.MessagesAsync(session.SessionId, session.Token)).Count);
    }

    [Fact]
    public async Task PostTurn_SameTurnIdWhileFirstIsAnswered_ConflictWithRetryAfterThenSameResult()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var turnId = Turn();
        Model.ReplyAfter(session.SessionId, TimeSpan.FromSeconds(2), "Slow answer.");

        var first = Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });
        while (Model.RequestsFor(session.SessionId).Count == 0 && !first.IsCompleted)
        {
            await Task.Delay(20);
        }
        using (var retry = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId, text = "Hello." }, session.Token))
        {
            await ApiClient.ExpectProblemAsync(retry, HttpStatusCode.Conflict);
            Assert.NotNull(retry.Headers.RetryAfter?.Delta);
        }
        var answered = await first;
        var again = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId, text = "Hello." });

        Assert.Equal(answered.ToJsonString(), again.ToJsonString());
        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task PostTurn_TwentyConcurrentTurns_DenseUniqueSeqsAndNoLostMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var texts = Enumerable.Range(1, 20).Select(i => $"Message number {i}.").ToList();

        var responses = await Task.WhenAll(texts.Select(text =>
            Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text }, session.Token)));

        // The local host serializes turns per session (its session lock), so none is refused with 409.
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(Enumerable.Range(1, 1 + (2 * texts.Count)).Select(i => (long)i), Seqs(transcript));
        // Every player message exactly once, each followed by its reply.
        Assert.Equal(texts.Order(), transcript.Where(m => Kind(m) == "user").Select(Text).Order());
        Assert.Equal(texts.Count, transcript.Count(m => Kind(m) == "reply"));
    }
}
