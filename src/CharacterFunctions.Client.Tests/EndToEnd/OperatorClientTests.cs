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
