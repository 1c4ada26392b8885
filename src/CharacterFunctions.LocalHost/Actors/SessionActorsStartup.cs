namespace CharacterFunctions.LocalHost.Actors;

/// <summary>Re-arms pending idle timers at start-up and stops the actors before the container goes away.</summary>
internal sealed class SessionActorsStartup(LocalSessionActors actors) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => actors.ResumeAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await actors.DisposeAsync();
}
