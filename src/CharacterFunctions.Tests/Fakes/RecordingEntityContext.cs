using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CharacterFunctions.Tests.Fakes;

/// <summary>An entity context that records what the entity asked Durable to do instead of doing it.</summary>
public sealed class RecordingEntityContext(EntityInstanceId id) : TaskEntityContext
{
    public sealed record Signal(EntityInstanceId Target, string Operation, object? Input, DateTimeOffset? SignalTime);

    public sealed record Orchestration(string Name, object? Input);

    public List<Signal> Signals { get; } = [];
    public List<Orchestration> Orchestrations { get; } = [];

    public override EntityInstanceId Id => id;

    public override void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null) =>
        Signals.Add(new Signal(id, operationName, input, options?.SignalTime));

    public override string ScheduleNewOrchestration(TaskName name, object? input = null, StartOrchestrationOptions? options = null)
    {
        Orchestrations.Add(new Orchestration(name.Name, input));
        return $"instance-{Orchestrations.Count}";
    }

    public void Clear()
    {
        Signals.Clear();
        Orchestrations.Clear();
    }
}
