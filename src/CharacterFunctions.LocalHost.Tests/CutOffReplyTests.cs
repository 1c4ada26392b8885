using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class CutOffReplyTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_ModelStopsOnLength_ReplyCarriesFinishReasonLength()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.ReplyCutOff(session.SessionId, "It all began when");

        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Tell me a story." });

        Assert.Equal("length", turn["messages"]!.AsArray()[^1]!["finishReason"]!.GetValue<string>());
        Assert.Equal("length", (await Api.MessagesAsync(session.SessionId, session.Token))[^1]!["finishReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Continue_CutOffReply_SendsReplyAsTrailingPartialAndAppendsToSameMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var seq = await CutOffTurnAsync(session, "It all began when");
        Model.Reply(session.SessionId, " the rain stopped.");

        var continued = await ContinueAsync(session, seq, Turn(), HttpStatusCode.OK);

        var request = Model.RequestsFor(session.SessionId)[^1];
        Assert.Equal(
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.User("Tell me a story."), WireMessage.PartialAssistant("It all began when")],
            request.Messages);
        Assert.Equal((seq, "It all began when the rain stopped.", "stop"),
            (continued["seq"]!.GetValue<long>(), Text(continued), continued["finishReason"]!.GetValue<string>()));
        var transcript = await Api.MessagesAsync(session.SessionId, session.Token);
        Assert.Equal(seq, transcript[^1]!["seq"]!.GetValue<long>());
        Assert.Equal("It all began when the rain stopped.", Text(transcript[^1]));
    }

    [Fact]
    public async Task Continue_SameContinueIdTwice_OneModelCallSameMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var seq = await CutOffTurnAsync(session, "It all began when");
        Model.Reply(session.SessionId, " the rain stopped.");
        var id = Turn();

        var first = await ContinueAsync(session, seq, id, HttpStatusCode.OK);
        var retry = await ContinueAsync(session, seq, id, HttpStatusCode.OK);

        Assert.Equal(Text(first), Text(retry));
        Assert.Equal(2, Model.RequestsFor(session.SessionId).Count);
    }

    [Fact]
    public async Task Continue_ReplyThatStoppedNormally_ConflictAndNoModelCall()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello." });
        var seq = turn["messages"]!.AsArray()[^1]!["seq"]!.GetValue<long>();

        await ContinueAsync(session, seq, Turn(), HttpStatusCode.Conflict);

        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task Continue_ReplyNoLongerNewest_Conflict()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var seq = await CutOffTurnAsync(session, "It all began when");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Go on.", reply = false });

        await ContinueAsync(session, seq, Turn(), HttpStatusCode.Conflict);

        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task Continue_BodyWithUnknownProperty_BadRequest()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var seq = await CutOffTurnAsync(session, "It all began when");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/messages/{seq}/continue",
            new { continueId = Turn(), extra = 1 }, session.Token);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Continue_AcceptEventStream_DeltasOfTheContinuationThenDoneWithMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var seq = await CutOffTurnAsync(session, "It all began when");
        Model.Reply(session.SessionId, " the rain stopped.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/messages/{seq}/continue",
            new { continueId = Turn() }, session.Token, configure: r => r.Headers.Accept.ParseAdd("text/event-stream"));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal(" the rain stopped.", string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data["text"]!.GetValue<string>())));
        Assert.Equal("done", events[^1].Name);
        Assert.Equal("It all began when the rain stopped.", Text(events[^1].Data));
    }

    [Fact]
    public async Task Regenerate_AcceptEventStream_DeltasThenDoneWithMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello." });
        Model.Reply(session.SessionId, "A second thought.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/regenerate",
            new { }, session.Token, configure: r => r.Headers.Accept.ParseAdd("text/event-stream"));

        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal("A second thought.", string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data["text"]!.GetValue<string>())));
        Assert.Equal("done", events[^1].Name);
        Assert.Equal("A second thought.", Text(events[^1].Data));
        Assert.Equal(2, events[^1].Data["alternatives"]!.AsArray().Count);
    }

    private async Task<long> CutOffTurnAsync(CreatedSession session, string cutOff)
    {
        Model.ReplyCutOff(session.SessionId, cutOff);
        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Tell me a story." });
        return turn["messages"]!.AsArray()[^1]!["seq"]!.GetValue<long>();
    }

    private async Task<JsonNode> ContinueAsync(CreatedSession session, long seq, string continueId, HttpStatusCode expected)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/messages/{seq}/continue",
            new { continueId }, session.Token, configure: r => r.Headers.Add("Idempotency-Key", continueId));
        return expected == HttpStatusCode.OK
            ? await ApiClient.ExpectJsonAsync(response, expected)
            : await ApiClient.ExpectProblemAsync(response, expected);
    }
}
