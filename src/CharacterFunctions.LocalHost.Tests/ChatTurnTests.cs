using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class ChatTurnTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task CreateSession_CharacterWithOpeningLine_OpeningIsSeqOne()
    {
        var character = await NewCharacterAsync();

        var session = await NewSessionAsync(character);

        var opening = Assert.Single(session.Messages);
        Assert.Equal(1, opening!["seq"]!.GetValue<long>());
        Assert.Equal("opening", Kind(opening));
        Assert.Equal("assistant", Role(opening));
        Assert.Equal(OpeningLine, Text(opening));
        Assert.True(session.Tokens.ContainsKey("p-1"));
    }

    [Fact]
    public async Task CreateSession_Timestamps_AreUtcWithZAndMilliseconds()
    {
        var character = await NewCharacterAsync();

        var session = await NewSessionAsync(character);

        var createdAt = Assert.Single(session.Messages)!["createdAt"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", createdAt);
    }

    [Fact]
    public async Task PostTurn_FirstAndSecondTurn_ModelReceivesSystemOpeningAndTranscript()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);

        Model.Reply(session.SessionId, "(looks up) Reading? On a day like this?");
        var first = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "I'm reading a book." });
        Model.Reply(session.SessionId, "Then let me guess the title.");
        var second = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Guess which one." });

        var firstMessages = first["messages"]!.AsArray();
        Assert.Equal([2L, 3L], Seqs(firstMessages));
        Assert.Equal(("user", "user", "I'm reading a book."), (Role(firstMessages[0]), Kind(firstMessages[0]), Text(firstMessages[0])));
        Assert.Equal(("assistant", "reply", "(looks up) Reading? On a day like this?"), (Role(firstMessages[1]), Kind(firstMessages[1]), Text(firstMessages[1])));
        Assert.Equal("Jiang Rang", firstMessages[1]!["speaker"]!.GetValue<string>());
        Assert.Null(firstMessages[1]!["turnId"]);
        Assert.Null(firstMessages[1]!["contextFromSeq"]);
        Assert.Equal([4L, 5L], Seqs(second["messages"]!.AsArray()));

        var requests = Model.RequestsFor(session.SessionId);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(session.SessionId, r.SessionHeader));
        Assert.Equal("qwen-plus-character", requests[0].Body["model"]!.GetValue<string>());
        Assert.Equal(
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.User("I'm reading a book.")],
            requests[0].Messages);
        Assert.Equal(
            [
                WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.User("I'm reading a book."),
                WireMessage.Assistant("(looks up) Reading? On a day like this?"), WireMessage.User("Guess which one."),
            ],
            requests[1].Messages);
    }

    [Fact]
    public async Task PostTurn_EventStreamAccepted_StreamsDeltasThenDone()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        Model.Reply(session.SessionId, "Streaming works.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            new { turnId = Turn(), text = "Say something." }, session.Token,
            configure: r => r.Headers.Accept.ParseAdd("text/event-stream"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Contains(events, e => e.Name == "delta");
        var deltas = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data["text"]!.GetValue<string>()));
        Assert.Contains("Streaming works.", deltas, StringComparison.Ordinal);
        var done = events[^1];
        Assert.Equal("done", done.Name);
        var reply = done.Data["messages"]!.AsArray()[^1];
        Assert.Equal("Streaming works.", Text(reply));
        Assert.Equal(Text(reply), Text((await Api.MessagesAsync(session.SessionId, session.Token))[^1]));
    }

    [Fact]
    public async Task PostTurn_CharacterOnDatedModelSnapshot_ModelReceivesThatModelId()
    {
        const string snapshot = "qwen-flash-character-2026-02-26";
        var session = await NewSessionAsync(await NewCharacterAsync(extra: new JsonObject { ["model"] = snapshot }));

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hi." });

        Assert.Equal(snapshot, Assert.Single(Model.RequestsFor(session.SessionId)).Body["model"]!.GetValue<string>());
    }
}
