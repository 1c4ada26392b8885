using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.EndToEnd;

public sealed class OperatorClientTests(ClientHostFixture fixture) : ClientTestBase(fixture)
{
    [Fact]
    public async Task PutCharacterAsync_StaleEtag_ThrowsPreconditionFailedAndKeepsTheCharacter()
    {
        var id = $"ling-lu-{Guid.NewGuid():N}"[..24];
        var first = await Operator.PutCharacterAsync(id, new CharacterDefinition("Ling Lu", "You are Ling Lu."));
        await Operator.PutCharacterAsync(id, new CharacterDefinition("Ling Lu", "You are Ling Lu, the class clown."), ifMatch: first.Etag);

        var problem = await Assert.ThrowsAsync<ProblemException>(() =>
            Operator.PutCharacterAsync(id, new CharacterDefinition("Ling Lu", "Overwritten."), ifMatch: first.Etag));

        Assert.Equal(412, problem.Status);
        Assert.Equal("You are Ling Lu, the class clown.", (await Operator.GetCharacterAsync(id)).SystemPrompt);
    }

    [Fact]
    public async Task ToDefinition_StoredCharacterEditedAndPutBack_KeepsEveryOtherField()
    {
        var id = $"edit-{Guid.NewGuid():N}"[..24];
        using var searchOptions = System.Text.Json.JsonDocument.Parse("{\"forced_search\":true}");
        var stored = await Operator.PutCharacterAsync(id, new CharacterDefinition("Ling Lu", "You are Ling Lu.")
        {
            OpeningLine = "Hey there!",
            AlternateGreetings = ["Oh, it's you."],
            PostHistoryInstructions = "Stay in character.",
            Persona = new Persona { Identity = "The class clown." },
            Lorebook = new Lorebook { Name = "School", Entries = [new LorebookEntry { Keys = ["library"], Content = "The library closes at six." }] },
            Generation = new GenerationSettings { Temperature = 0.7, N = 2, SpeechOnly = true },
            Features = new CharacterFeatures { WebSearch = true, SearchOptions = searchOptions.RootElement.Clone() },
            Memory = new MemorySettings { MemoryEntries = 100 },
        });

        var read = await Operator.GetCharacterAsync(id);
        var edited = await Operator.PutCharacterAsync(id, read.ToDefinition() with { Name = "Ling Lu (edited)" }, ifMatch: read.Etag);

        Assert.Equal("Ling Lu (edited)", edited.Name);
        Assert.Equal(Json(stored.ToDefinition() with { Name = "Ling Lu (edited)" }), Json(edited.ToDefinition()));
        Assert.Equal("The library closes at six.", Assert.Single(edited.Lorebook!.Entries!).Content);
        Assert.True(edited.Generation!.SpeechOnly);
        Assert.Equal(["Oh, it's you."], edited.AlternateGreetings);
    }

    private static string Json(CharacterDefinition definition) =>
        System.Text.Json.JsonSerializer.Serialize(definition, CharacterFunctions.Client.Json.ClientJson.Default.CharacterDefinition);

    [Fact]
    public async Task PutCharacterAsync_InvalidId_ThrowsValidationProblemNamingTheField()
    {
        var problem = await Assert.ThrowsAsync<ProblemException>(() =>
            Operator.PutCharacterAsync("Not_Valid", new CharacterDefinition("X", "Y")));

        Assert.Equal(400, problem.Status);
        Assert.NotEmpty(problem.Errors);
    }

    [Fact]
    public async Task ForSession_TurnForAPlayer_PostedAsThatPlayer()
    {
        var session = await NewSessionAsync();
        using var onBehalf = Operator.ForSession(session.SessionId);

        var result = await onBehalf.SendTurnAsync(new TurnInput("Hello from the server.") { PlayerId = "p-1", Reply = false });

        var message = Assert.Single(result.Messages);
        Assert.Equal("p-1", message.SpeakerId);
        Assert.Equal("Class Monitor", message.Speaker);
    }

    [Fact]
    public async Task PostEventAsync_SameEventIdTwice_SecondIsDuplicate()
    {
        var session = await NewSessionAsync();
        var gameEvent = new GameEvent($"e-{Guid.NewGuid():N}", session.SessionId, "Player enters Level 3");

        var first = await Operator.PostEventAsync(gameEvent);
        var second = await Operator.PostEventAsync(gameEvent);

        Assert.Equal("accepted", first.Disposition);
        Assert.Equal("duplicate", second.Disposition);
        Assert.Equal(1, (await Operator.ForSession(session.SessionId).GetSessionAsync()).PendingEventCount);
    }
}
