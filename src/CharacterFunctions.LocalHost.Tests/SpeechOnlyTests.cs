using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Speech;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>speechOnly over HTTP: seed 001's parentheses ban merged with the character's own logitBias, and the speech/actions split.</summary>
public sealed class SpeechOnlyTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_SpeechOnlyCharacterWithOwnBias_SendsBanMergedWithOwnBias()
    {
        var character = await NewCharacterAsync(extra: new JsonObject
        {
            ["generation"] = new JsonObject { ["speechOnly"] = true, ["logitBias"] = new JsonObject { ["7"] = 5, ["123456"] = -3 } },
        });
        var session = await NewSessionAsync(character);

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello." });

        var sent = Model.RequestsFor(session.SessionId).Single().Body["logit_bias"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());
        var expected = ParenthesesBan.TokenIds.ToDictionary(id => id, _ => ParenthesesBan.Bias);
        expected["7"] = 5;
        expected["123456"] = -3;
        Assert.Equal(expected.OrderBy(p => p.Key), sent.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task PostTurn_TurnOptionSpeechOnly_SendsTheBanAndReplyCarriesSpeechAndActions()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "*smiles warmly* Of course. (nods)");

        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello.", options = new { speechOnly = true } });

        Assert.Equal(ParenthesesBan.TokenIds.Count, Model.RequestsFor(session.SessionId).Single().Body["logit_bias"]!.AsObject().Count);
        var reply = turn["messages"]!.AsArray()[^1]!;
        Assert.Equal("Of course.", reply["speech"]!.GetValue<string>());
        Assert.Equal(["smiles warmly", "nods"], reply["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}
