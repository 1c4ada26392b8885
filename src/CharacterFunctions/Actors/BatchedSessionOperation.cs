using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Functions.Actors;

/// <summary>
/// One operation inside a batch signal (<see cref="Entities.SessionEntity.Batch"/>): the property named after
/// the operation holds its input, every other one is unset. Concrete and JSON-friendly like the single
/// signals' inputs (<see cref="SessionEntityOperations.ToSignal(SessionOperation)"/>), so no polymorphic JSON is needed.
/// </summary>
public sealed record BatchedSessionOperation
{
    public SessionOperation.Start? Start { get; init; }

    public SessionOperation.Activity? Activity { get; init; }

    public GameEvent? AddEvent { get; init; }

    public string[]? EventsConsumed { get; init; }

    public GameEvent? ReactionFailed { get; init; }

    public long? IdleDue { get; init; }

    public long? NudgeFailed { get; init; }

    public bool End { get; init; }

    public static BatchedSessionOperation From(SessionOperation operation) => operation switch
    {
        SessionOperation.Start start => new() { Start = start },
        SessionOperation.Activity activity => new() { Activity = activity },
        SessionOperation.AddEvent add => new() { AddEvent = add.Event },
        SessionOperation.EventsConsumed consumed => new() { EventsConsumed = [.. consumed.EventIds] },
        SessionOperation.ReactionFailed failed => new() { ReactionFailed = failed.Event },
        SessionOperation.IdleDue due => new() { IdleDue = due.Generation },
        SessionOperation.NudgeFailed failed => new() { NudgeFailed = failed.Generation },
        SessionOperation.End => new() { End = true },
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown session operation."),
    };

    /// <summary>The operation; throws unless exactly one property is set (a malformed signal fails loudly).</summary>
    public SessionOperation ToOperation()
    {
        SessionOperation?[] set =
        [
            Start,
            Activity,
            AddEvent is null ? null : new SessionOperation.AddEvent(AddEvent),
            EventsConsumed is null ? null : new SessionOperation.EventsConsumed(EventsConsumed),
            ReactionFailed is null ? null : new SessionOperation.ReactionFailed(ReactionFailed),
            IdleDue is { } due ? new SessionOperation.IdleDue(due) : null,
            NudgeFailed is { } failed ? new SessionOperation.NudgeFailed(failed) : null,
            End ? new SessionOperation.End() : null,
        ];
        var operations = set.OfType<SessionOperation>().ToArray();
        return operations.Length == 1
            ? operations[0]
            : throw new InvalidOperationException($"A batched session operation must carry exactly one operation; this one carries {operations.Length}.");
    }
}
