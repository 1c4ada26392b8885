using CharacterFunctions.Functions.Events;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Tests.Fakes;

/// <summary>
/// Intake with the contract's observable rules: a known session accepts an event id once (then Duplicate),
/// ended sessions drop, unknown sessions are reported, and the core's own validation decides what is invalid.
/// </summary>
public sealed class RecordingGameEventIntake : IGameEventIntake
{
    public HashSet<string> KnownSessions { get; } = [];
    public HashSet<string> EndedSessions { get; } = [];
    public List<GameEvent> Accepted { get; } = [];
    public Exception? FailWith { get; set; }

    public Task<EventDisposition> AcceptAsync(GameEvent? gameEvent, CancellationToken ct)
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }

        GameEventIntake.Validate(gameEvent); // the core's field rules, as in production

        if (EndedSessions.Contains(gameEvent!.SessionId))
        {
            return Task.FromResult(EventDisposition.SessionEnded);
        }

        if (!KnownSessions.Contains(gameEvent.SessionId))
        {
            return Task.FromResult(EventDisposition.UnknownSession);
        }

        if (Accepted.Any(e => e.SessionId == gameEvent.SessionId && e.EventId == gameEvent.EventId))
        {
            return Task.FromResult(EventDisposition.Duplicate);
        }

        Accepted.Add(gameEvent!);
        return Task.FromResult(EventDisposition.Accepted);
    }
}
