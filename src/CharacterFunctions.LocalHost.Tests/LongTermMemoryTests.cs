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

        Model.Reply(session.SessionId, "Nice weather indeed.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "The weather is great today!" });
        Model.Reply(session.SessionId, "A walk sounds good.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Shall we take a walk?" });

        var requests = Model.RequestsFor(session.SessionId);
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
}
