using Microsoft.DurableTask.Entities;

namespace CharacterFunctions.Tests.Fakes;

/// <summary>Entity state kept as the object itself (no serialisation), shared across operations like the real store.</summary>
public sealed class InMemoryEntityState : TaskEntityState
{
    private object? _value;

    public override bool HasState => _value is not null;

    public override object? GetState(Type type) => _value;

    public override void SetState(object? state) => _value = state;
}
