using CharacterFunctions.Client.Models;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.Infrastructure;

/// <summary>Fresh characters and sessions per test, created through the client's own operator API.</summary>
[Collection(ClientHostCollection.Name)]
public abstract class ClientTestBase(ClientHostFixture fixture) : IDisposable
{
    public const string OpeningLine = "Class monitor, what are you up to?";

    /// <summary>Short waits so retries and reconnects happen within a test's patience.</summary>
    protected static readonly ClientOptions FastOptions = new()
    {
        Retry = new RetryPolicy { MaxAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(400) },
        AttemptTimeout = TimeSpan.FromSeconds(30),
        LongPollSeconds = 2,
    };

    protected ClientHostFixture Fixture { get; } = fixture;
    protected ModelEndpoint Model => Fixture.Model;
    protected WireTap Wire { get; } = new();
    protected OperatorClient Operator { get; } = new(fixture.BaseAddress, ClientHostFixture.OperatorKey, options: FastOptions);

    protected async Task<CreatedSession> NewSessionAsync(int idleAfterSeconds = 0)
    {
        var characterId = $"jiang-rang-{Guid.NewGuid():N}"[..30];
        await Operator.PutCharacterAsync(characterId, new CharacterDefinition("Jiang Rang", "You are Jiang Rang, a Go prodigy.") { OpeningLine = OpeningLine });
        return await Operator.CreateSessionAsync(new NewSession([characterId], [new Player("p-1", "Class Monitor")])
        {
            Idle = new IdlePolicy(idleAfterSeconds, idleAfterSeconds > 0 ? 1 : 0),
        });
    }

    /// <summary>A player client over <see cref="Wire"/>, from the token the operator got.</summary>
    protected CharacterClient PlayerClient(CreatedSession session) =>
        new(Fixture.BaseAddress, session.AccessTokens["p-1"], new HttpClient(Wire) { Timeout = Timeout.InfiniteTimeSpan }, FastOptions);

    public void Dispose()
    {
        Operator.Dispose();
        Wire.Dispose();
    }
}
