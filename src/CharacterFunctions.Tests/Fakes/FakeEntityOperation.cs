using Microsoft.DurableTask.Entities;

namespace CharacterFunctions.Tests.Fakes;

/// <summary>One entity operation; the input is handed over as the object (the real one deserialises JSON).</summary>
public sealed class FakeEntityOperation(string name, TaskEntityContext context, TaskEntityState state, object? input) : TaskEntityOperation
{
    public override string Name => name;
    public override TaskEntityContext Context => context;
    public override TaskEntityState State => state;
    public override bool HasInput => input is not null;
    public override object? GetInput(Type inputType) => input;
}
