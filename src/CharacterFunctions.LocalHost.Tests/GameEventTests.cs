using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class GameEventTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostEvent_ReactFalse_InsertedBeforeNextUserMessageAndReplayed()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);

        using (var accepted = await PostEventAsync(session.SessionId, "e-1", "Player enters Level 3", react: false))
        {
            var body = await ApiClient.ExpectJsonAsync(accepted, HttpStatusCode.Accepted);
            Assert.Equal("accepted", body["disposition"]!.GetValue<string>());
            Assert.Equal("e-1", body["eventId"]!.GetValue<string>());
        }
        using (var duplicate = await PostEventAsync(session.SessionId, "e-1", "Player enters Level 3", react: false))
        {
            var body = await ApiClient.ExpectJsonAsync(duplicate, HttpStatusCode.OK);
            Assert.Equal("duplicate", body["disposition"]!.GetValue<string>());
        }
        Assert.Empty(Model.RequestsFor(session.SessionId));

        Model.Reply(session.SessionId, "Level 3 already? Impressive.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "I made it!" });
        Model.Reply(session.SessionId, "Keep going.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "What next?" });

        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(["opening", "event", "user", "reply", "user", "reply"], transcript.Select(Kind));
        Assert.Equal(("system", "Player enters Level 3"), (Role(transcript[1]), Text(transcript[1])));

        var requests = Model.RequestsFor(session.SessionId);
        Assert.Equal(2, requests.Count);
        WireMessage[] firstPrompt =
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.System("Player enters Level 3"), WireMessage.User("I made it!")];
        Assert.Equal(firstPrompt, requests[0].Messages);
        // Replayed at the same position: the second prompt starts with the first prompt unchanged.
        Assert.Equal(firstPrompt, requests[1].Messages.Take(4));
        Assert.Equal([WireMessage.Assistant("Level 3 already? Impressive."), WireMessage.User("What next?")], requests[1].Messages.Skip(4));
        Assert.Single(requests[1].Messages, m => m.Content == "Player enters Level 3");
    }

    [Fact]
    public async Task PostEvent_ReactTrue_RecordsEventAndReactionWithTrailingPartial()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        Model.Reply(session.SessionId, "(grins) The bell! Finally.");

        using (var accepted = await PostEventAsync(session.SessionId, "e-bell", "The school bell rings.", react: true))
        {
            await ApiClient.ExpectJsonAsync(accepted, HttpStatusCode.Accepted);
        }
        var transcript = await Api.WaitForSeqAsync(session.SessionId, session.Token, 3);

        Assert.Equal(("system", "event", "The school bell rings."), (Role(transcript[1]), Kind(transcript[1]), Text(transcript[1])));
        Assert.Equal(("assistant", "reaction"), (Role(transcript[2]), Kind(transcript[2])));
        Assert.Equal("(grins) The bell! Finally.", Text(transcript[2]).Trim());
        Assert.Equal("Jiang Rang", transcript[2]!["speaker"]!.GetValue<string>());

        var request = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.System("The school bell rings."), WireMessage.PartialAssistant("Jiang Rang:")],
            request.Messages);
    }

    [Fact]
    public async Task PostEvent_UnknownSession_NotFoundProblem()
    {
        using var response = await PostEventAsync("no-such-session", "e-9", "Anything", react: false);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostEvent_EndedSession_DroppedWithoutEffect()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        using (var ended = await Api.SendAsync(HttpMethod.Delete, $"/api/sessions/{session.SessionId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        using var response = await PostEventAsync(session.SessionId, "e-late", "Too late", react: true);

        var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("dropped", body["disposition"]!.GetValue<string>());
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        Assert.Single(await Api.MessagesAsync(session.SessionId, session.Token));
        Assert.Empty(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task PostEvent_MissingText_BadRequestWithErrors()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/events", new { eventId = "e-x", react = false });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task PostEvent_EightSimultaneousPostsOfOneEventId_ExactlyOneAcceptedOthersDuplicate()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        // Eight open connections first, so the posts really arrive together rather than one per new connection.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await Api.SendAsync(HttpMethod.Get, "/api/health")).Dispose()));

        // Several rounds: one lucky interleaving must not hide a race.
        for (var round = 0; round < 5; round++)
        {
            var eventId = $"e-race-{round}";
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostEventAsync(session.SessionId, eventId, "The bell rings.", false)));
            var dispositions = new List<(HttpStatusCode Status, string Disposition)>();
            foreach (var response in responses)
            {
                using (response)
                {
                    var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.Accepted, HttpStatusCode.OK);
                    dispositions.Add((response.StatusCode, body["disposition"]!.GetValue<string>()));
                }
            }

            Assert.Single(dispositions, d => d == (HttpStatusCode.Accepted, "accepted"));
            Assert.Equal(7, dispositions.Count(d => d == (HttpStatusCode.OK, "duplicate")));
        }
    }

    private Task<HttpResponseMessage> PostEventAsync(string sessionId, string eventId, string text, bool react) =>
        Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/events", new { eventId, sessionId, text, react });
}
