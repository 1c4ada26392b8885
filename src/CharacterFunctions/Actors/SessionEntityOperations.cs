using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask.Entities;

namespace CharacterFunctions.Functions.Actors;

/// <summary>
/// How a <see cref="SessionOperation"/> travels to the session entity: an operation name (a public
/// method of <see cref="Entities.SessionEntity"/>) and a concrete JSON-friendly input. The abstract
/// operation type itself is never serialised, so no polymorphic JSON is needed.
/// </summary>
public static class SessionEntityOperations
{
    /// <summary>Entity name as registered by the entity function (Durable lower-cases it).</summary>
    public const string EntityName = nameof(Entities.SessionEntity);

    public static EntityInstanceId IdFor(string sessionId) => new(EntityName, sessionId);

    /// <summary>
    /// Operations sent together: one operation as its own signal, several as one <see cref="Entities.SessionEntity.Batch"/>
    /// signal that the entity applies in order (one Durable operation instead of one per report).
    /// </summary>
    public static (string Name, object? Input) ToSignal(IReadOnlyList<SessionOperation> operations) => operations.Count switch
    {
        0 => throw new ArgumentException("No operation to send.", nameof(operations)),
        1 => ToSignal(operations[0]),
        _ => (nameof(Entities.SessionEntity.Batch), operations.Select(BatchedSessionOperation.From).ToArray()),
    };

    public static (string Name, object? Input) ToSignal(SessionOperation operation) => operation switch
    {
        SessionOperation.Start start => (nameof(Entities.SessionEntity.Start), start),
        SessionOperation.Activity activity => (nameof(Entities.SessionEntity.Activity), activity),
        SessionOperation.AddEvent add => (nameof(Entities.SessionEntity.AddEvent), add.Event),
        SessionOperation.EventsConsumed consumed => (nameof(Entities.SessionEntity.EventsConsumed), consumed.EventIds.ToArray()),
        SessionOperation.ReactionFailed failed => (nameof(Entities.SessionEntity.ReactionFailed), failed.Event),
        SessionOperation.IdleDue due => (nameof(Entities.SessionEntity.IdleDue), due.Generation),
        SessionOperation.NudgeFailed failed => (nameof(Entities.SessionEntity.NudgeFailed), failed.Generation),
        SessionOperation.End => (nameof(Entities.SessionEntity.End), null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown session operation."),
    };
}
