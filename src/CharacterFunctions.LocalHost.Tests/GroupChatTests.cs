using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class GroupChatTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    private const string Scenario = "After class, the group discusses the weekend Go tournament.";

    [Fact]
    public async Task PostTurn_GroupChat_NamePrefixesPartialSpeakerAndCharacterHeader()
    {
        var jiang = await NewCharacterAsync("Jiang Rang", openingLine: null);
        var ling = await NewCharacterAsync("Ling Lu", openingLine: null);
        var session = await Api.CreateSessionAsync(new
        {
            characterIds = new[] { jiang, ling },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" }, new { playerId = "p-2", name = "Deskmate" } },
            scenario = Scenario,
        });
        var monitor = session.Tokens["p-1"];
        var deskmate = session.Tokens["p-2"];

        var banter = await Api.PostTurnAsync(session.SessionId, monitor, new { turnId = Turn(), text = "Who is coming on Saturday?", reply = false });
        Assert.Single(banter["messages"]!.AsArray());
        Assert.Empty(Model.RequestsFor(session.SessionId));

        Model.Reply(session.SessionId, "Of course I am.");
        var lingTurn = await Api.PostTurnAsync(session.SessionId, deskmate, new { turnId = Turn(), text = "Ling Lu, are you coming?", respondAs = ling });
        Model.Reply(session.SessionId, "Only if you bring snacks.");
        await Api.PostTurnAsync(session.SessionId, monitor, new { turnId = Turn(), text = "Jiang Rang, and you?", respondAs = jiang });
        Model.Reply(session.SessionId, "Fine, I will bring them.");
        await Api.PostTurnAsync(session.SessionId, monitor, new { turnId = Turn(), text = "Ling Lu?", respondAs = ling });

        var lingReply = lingTurn["messages"]!.AsArray()[^1];
        Assert.Equal(("Ling Lu", "Of course I am."), (lingReply!["speaker"]!.GetValue<string>(), Text(lingReply)));
        Assert.Equal("Deskmate", lingTurn["messages"]!.AsArray()[0]!["speaker"]!.GetValue<string>());

        var requests = Model.RequestsFor(session.SessionId + ":" + ling)
            .Concat(Model.RequestsFor(session.SessionId + ":" + jiang)).ToList();
        Assert.Equal(3, requests.Count);
        var toLing = Model.RequestsFor(session.SessionId + ":" + ling);
        var toJiang = Assert.Single(Model.RequestsFor(session.SessionId + ":" + jiang));

        Assert.Equal("system", toLing[0].Messages[0].Role);
        Assert.StartsWith("You are Ling Lu", toLing[0].Messages[0].Content, StringComparison.Ordinal);
        Assert.Contains(Scenario, toLing[0].Messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(
            [WireMessage.User("Class Monitor: Who is coming on Saturday?"), WireMessage.User("Deskmate: Ling Lu, are you coming?"), WireMessage.PartialAssistant("Ling Lu:")],
            toLing[0].Messages.Skip(1));

        // Jiang Rang sees Ling Lu as another speaker (user role, prefixed).
        Assert.StartsWith("You are Jiang Rang", toJiang.Messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(
            [
                WireMessage.User("Class Monitor: Who is coming on Saturday?"), WireMessage.User("Deskmate: Ling Lu, are you coming?"),
                WireMessage.User("Ling Lu: Of course I am."), WireMessage.User("Class Monitor: Jiang Rang, and you?"), WireMessage.PartialAssistant("Jiang Rang:"),
            ],
            toJiang.Messages.Skip(1));

        // Ling Lu's own earlier line comes back as assistant "Name: text".
        Assert.Equal(
            [
                WireMessage.User("Class Monitor: Who is coming on Saturday?"), WireMessage.User("Deskmate: Ling Lu, are you coming?"),
                WireMessage.Assistant("Ling Lu: Of course I am."), WireMessage.User("Class Monitor: Jiang Rang, and you?"),
                WireMessage.User("Jiang Rang: Only if you bring snacks."), WireMessage.User("Class Monitor: Ling Lu?"), WireMessage.PartialAssistant("Ling Lu:"),
            ],
            toLing[1].Messages.Skip(1));
    }
}
