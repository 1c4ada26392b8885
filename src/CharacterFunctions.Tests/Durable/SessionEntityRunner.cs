using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Housekeeping;
using CharacterFunctions.Roleplay.Sessions;
using Google.Protobuf;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using P = Microsoft.DurableTask.Protobuf;

namespace CharacterFunctions.Tests.Durable;

/// <summary>
/// Runs the real <see cref="SessionEntity"/> the way the Functions Durable extension does for an
/// <c>[EntityTrigger]</c>: a protobuf entity batch through <see cref="GrpcEntityRunner.LoadAndRunAsync(string, Microsoft.DurableTask.Entities.ITaskEntity, IServiceProvider?)"/>
/// with the app's data converter. Keeps the serialized entity state between batches, as the task hub does.
/// </summary>
public sealed class SessionEntityRunner(string sessionId)
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public HousekeepingOptions Housekeeping { get; } = new();

    /// <summary>The entity's state as the task hub stores it (JSON text); null when the entity does not exist.</summary>
    public string? StoredState { get; set; }

    public string InstanceId => "@" + SessionEntityOperations.IdFor(sessionId).Name + "@" + sessionId;

    public SessionActorState? State =>
        StoredState is null ? null : (SessionActorState?)AppHost.DataConverter.Deserialize(StoredState, typeof(SessionActorState));

    /// <summary>Sends the operation exactly as <see cref="DurableSessionActors"/> signals it.</summary>
    public Task<P.EntityBatchResult> SendAsync(SessionOperation operation)
    {
        var (name, input) = SessionEntityOperations.ToSignal(operation);
        return RunAsync(name, AppHost.DataConverter.Serialize(input));
    }

    /// <summary>Sends the operations of one commit exactly as <see cref="DurableSessionActors.SendAllAsync"/> signals them.</summary>
    public Task<P.EntityBatchResult> SendAllAsync(params SessionOperation[] operations)
    {
        var (name, input) = SessionEntityOperations.ToSignal(operations);
        return RunAsync(name, AppHost.DataConverter.Serialize(input));
    }

    /// <summary>One batch of one operation with an already serialized input (e.g. a scheduled signal's).</summary>
    public async Task<P.EntityBatchResult> RunAsync(string operation, string? serializedInput)
    {
        var request = new P.EntityBatchRequest { InstanceId = InstanceId, EntityState = StoredState };
        request.Operations.Add(new P.OperationRequest
        {
            Operation = operation,
            RequestId = Guid.NewGuid().ToString(),
            Input = serializedInput,
        });

        using ServiceProvider services = new ServiceCollection()
            .AddSingleton(new DurableTaskWorkerOptions { DataConverter = AppHost.DataConverter })
            .BuildServiceProvider();
        var entity = new SessionEntity(Time, Options.Create(Housekeeping), NullLogger<SessionEntity>.Instance);

        string encoded = await GrpcEntityRunner.LoadAndRunAsync(Convert.ToBase64String(request.ToByteArray()), entity, services);

        P.EntityBatchResult result = P.EntityBatchResult.Parser.ParseFrom(Convert.FromBase64String(encoded));
        P.OperationResult outcome = Assert.Single(result.Results);
        Assert.True(outcome.ResultTypeCase == P.OperationResult.ResultTypeOneofCase.Success, $"{operation} failed: {outcome.Failure?.FailureDetails}");
        StoredState = result.EntityState;
        return result;
    }
}
