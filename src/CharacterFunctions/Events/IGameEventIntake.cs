using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Functions.Events;

/// <summary>
/// The one core call the queue trigger makes. A seam so the trigger's settle/dead-letter rules can be
/// tested without the core's stores; production forwards to <see cref="GameEventIntake"/>.
/// </summary>
public interface IGameEventIntake
{
    /// <summary>Throws a Validation <c>RoleplayException</c> for an invalid event.</summary>
    Task<EventDisposition> AcceptAsync(GameEvent? gameEvent, CancellationToken ct);
}

/// <summary>Production <see cref="IGameEventIntake"/>: the core's intake.</summary>
public sealed class CoreGameEventIntake(GameEventIntake intake) : IGameEventIntake
{
    public Task<EventDisposition> AcceptAsync(GameEvent? gameEvent, CancellationToken ct) => intake.AcceptAsync(gameEvent, ct);
}
