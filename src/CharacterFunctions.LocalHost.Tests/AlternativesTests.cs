using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class AlternativesTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_TwoChoicesThenSelection_LaterPromptUsesSelectedText()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "Alternative zero.", "Alternative one.");

        var turn = await Api.PostTurnAsync(session.SessionId, session.Token,
            new { turnId = Turn(), text = "Surprise me.", options = new { n = 2, seed = 123321 } });

        var reply = turn["messages"]!.AsArray()[^1]!;
        Assert.Equal(["Alternative zero.", "Alternative one."], reply["alternatives"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(0, reply["selected"]!.GetValue<int>());
        Assert.Equal("Alternative zero.", Text(reply));
        var request = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(2, request.Body["n"]!.GetValue<int>());
        Assert.Equal(123321, request.Seed);

        var seq = reply["seq"]!.GetValue<long>();
        using (var selection = await Api.SendAsync(HttpMethod.Put, $"/api/sessions/{session.SessionId}/messages/{seq}/selection", new { index = 1 }, session.Token))
        {
            var selected = await ApiClient.ExpectJsonAsync(selection, HttpStatusCode.OK);
            Assert.Equal(("Alternative one.", 1), (Text(selected), selected["selected"]!.GetValue<int>()));
        }

        Model.Reply(session.SessionId, "Next.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "And then?" });
        var later = Model.RequestsFor(session.SessionId)[^1];
        Assert.Contains(WireMessage.Assistant("Alternative one."), later.Messages);
        Assert.DoesNotContain(later.Messages, m => m.Content.Contains("Alternative zero.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Selection_IndexOutOfRange_BadRequestAndUnchanged()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "Only one.");
        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hi." });
        var seq = turn["messages"]!.AsArray()[^1]!["seq"]!.GetValue<long>();

        using var response = await Api.SendAsync(HttpMethod.Put, $"/api/sessions/{session.SessionId}/messages/{seq}/selection", new { index = 5 }, session.Token);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict,
            $"status {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Only one.", Text((await Api.MessagesAsync(session.SessionId, session.Token))[^1]));
    }

    [Fact]
    public async Task Regenerate_AfterTurnWithOptions_SameSamplingOptionsOneChoiceNewSeed()
    {
        var session = await NewSessionAsync(await NewCharacterAsync(extra: new JsonObject
        {
            ["generation"] = new JsonObject { ["temperature"] = 0.9, ["logitBias"] = new JsonObject { ["7"] = -100 } },
        }));
        Model.Reply(session.SessionId, "Cool answer.", "Other answer.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new
        {
            turnId = Turn(),
            text = "Be careful.",
            options = new { n = 2, seed = 11, temperature = 0.2, topP = 0.5, maxTokens = 64, logitBias = new Dictionary<string, int> { ["320"] = -50 } },
        });
        Model.Reply(session.SessionId, "Regenerated.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/regenerate", null, session.Token);

        await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        var requests = Model.RequestsFor(session.SessionId);
        Assert.Equal(2, requests.Count);
        var (original, again) = (requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Messages, requests[1].Messages);
        foreach (var field in new[] { "temperature", "top_p", "max_tokens", "logit_bias" })
        {
            Assert.Equal(original[field]!.ToJsonString(), again[field]?.ToJsonString());
        }
        Assert.Equal(0.2, again["temperature"]!.GetValue<double>());
        Assert.True(again["n"] is null || again["n"]!.GetValue<int>() == 1);
        Assert.NotEqual(11, requests[1].Seed);
    }

    [Fact]
    public async Task Regenerate_LatestReply_SameMessagesNewSeedAndSelected()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "First try.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Tell me a joke.", options = new { seed = 7 } });
        Model.Reply(session.SessionId, "Second try.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/regenerate", new { seed = 42 }, session.Token);

        var message = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Second try.", Text(message));
        Assert.Equal(["First try.", "Second try."], message["alternatives"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(1, message["selected"]!.GetValue<int>());
        var requests = Model.RequestsFor(session.SessionId);
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Messages, requests[1].Messages);
        Assert.Equal(7, requests[0].Seed);
        Assert.Equal(42, requests[1].Seed);
        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(3, transcript.Count);
        Assert.Equal("Second try.", Text(transcript[^1]));
    }

    [Fact]
    public async Task Regenerate_NoSeedGiven_UsesDifferentSeedThanOriginal()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "One.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hi.", options = new { seed = 5 } });
        Model.Reply(session.SessionId, "Two.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/regenerate", new JsonObject(), session.Token);

        await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        var requests = Model.RequestsFor(session.SessionId);
        Assert.NotNull(requests[1].Seed);
        Assert.NotEqual(requests[0].Seed, requests[1].Seed);
    }
}
