using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class LongTermMemoryTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PostTurn_LongTermMemoryCharacter_SendsOnlyNewMessagesWithMemoryOptions()
    {
        var character = await NewCharacterAsync(extra: new JsonObject
        {
            ["memory"] = new JsonObject { ["longTerm"] = true, ["memoryEntries"] = 20, ["skipSaveTypes"] = new JsonArray("system") },
        });
        var session = await NewSessionAsync(character);

        Model.Reply(character, "Nice weather indeed.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "The weather is great today!" });
        Model.Reply(character, "A walk sounds good.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Shall we take a walk?" });

        var requests = Model.RequestsFor($"{character}:p-1");
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            var options = request.Body["character_options"]!;
            Assert.Equal(JiangRangPrompt, options["profile"]!.GetValue<string>());
            Assert.True(options["memory"]!["enable_long_term_memory"]!.GetValue<bool>());
            Assert.Equal(20, options["memory"]!["memory_entries"]!.GetValue<int>());
            Assert.Equal(["system"], options["memory"]!["skip_save_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        }

        Assert.Equal(
            [WireMessage.Assistant(OpeningLine), WireMessage.User("The weather is great today!")],
            requests[0].Messages.Where(m => m.Role != "system"));
        // Second call: only what the provider has not seen yet. It stored its own reply (the "output"
        // type) when it generated it, so that is not sent back either.
        Assert.Equal(
            [WireMessage.User("Shall we take a walk?")],
            requests[1].Messages.Where(m => m.Role != "system"));
    }

    [Fact]
    public async Task PostTurn_LongTermMemoryInTwoSessions_BothSendTheCharacterPlayerMemoryKey()
    {
        var character = await NewCharacterAsync(extra: LongTerm());
        var first = await NewSessionAsync(character);
        var second = await NewSessionAsync(character);

        await Api.PostTurnAsync(first.SessionId, first.Token, new { turnId = Turn(), text = "Remember my cat is called Mochi." });
        await Api.PostTurnAsync(second.SessionId, second.Token, new { turnId = Turn(), text = "What is my cat called?" });

        var key = $"{character}:p-1";
        Assert.Equal(2, Model.RequestsFor(key).Count);
        Assert.Empty(Model.RequestsFor(first.SessionId));
        Assert.Empty(Model.RequestsFor(second.SessionId));
        var view = await ApiClient.ExpectJsonAsync(await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{second.SessionId}"), HttpStatusCode.OK);
        Assert.Equal(key, view["memoryKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostTurn_WindowedCharacter_KeepsThePerSessionCacheHeader()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello." });

        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task CreateSession_GroupWithMemoryCharacterAndNoKey_BadRequestNamingMemoryKey()
    {
        var remembering = await NewCharacterAsync(extra: LongTerm());
        var other = await NewCharacterAsync(name: "Ling Lu");

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/sessions", new
        {
            characterIds = new[] { remembering, other },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
        });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["memoryKey"]);
    }

    [Fact]
    public async Task PostTurn_GroupWithNamedMemoryKey_SendsKeyPerCharacter()
    {
        var remembering = await NewCharacterAsync(extra: LongTerm());
        var other = await NewCharacterAsync(name: "Ling Lu");
        var session = await Api.CreateSessionAsync(new
        {
            characterIds = new[] { remembering, other },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
            memoryKey = "guild-7",
        });

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello.", respondAs = remembering });

        Assert.Single(Model.RequestsFor($"guild-7:{remembering}"));
    }

    [Fact]
    public async Task Regenerate_LongTermMemoryReply_ConflictAndNoModelCall()
    {
        var character = await NewCharacterAsync(extra: LongTerm());
        var session = await NewSessionAsync(character);
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello." });

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/regenerate", new { }, session.Token);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Single(Model.RequestsFor($"{character}:p-1"));
    }

    [Fact]
    public async Task Selection_SecondChoiceOfMemoryReply_NextCallResendsTheSelectedText()
    {
        var character = await NewCharacterAsync(extra: LongTerm());
        var session = await NewSessionAsync(character);
        Model.Reply(character, "Choice zero.", "Choice one.");
        var turn = await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Hello.", options = new { n = 2 } });
        var seq = turn["messages"]!.AsArray()[^1]!["seq"]!.GetValue<long>();

        using (var selection = await Api.SendAsync(HttpMethod.Put, $"/api/sessions/{session.SessionId}/messages/{seq}/selection", new { index = 1 }, session.Token))
        {
            await ApiClient.ExpectJsonAsync(selection, HttpStatusCode.OK);
        }
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "And then?" });

        var later = Model.RequestsFor($"{character}:p-1")[^1];
        Assert.Equal([WireMessage.Assistant("Choice one."), WireMessage.User("And then?")], later.Messages.Where(m => m.Role != "system"));
    }

    private static JsonObject LongTerm() => new() { ["memory"] = new JsonObject { ["longTerm"] = true } };
}
