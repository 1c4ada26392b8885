using P = Microsoft.DurableTask.Protobuf;

namespace CharacterFunctions.Tests.Durable;

/// <summary>Reads what an entity batch asked the task hub to do.</summary>
public static class BatchActions
{
    public static IReadOnlyList<P.SendSignalAction> Signals(this P.EntityBatchResult result) =>
        [.. result.Actions.Where(a => a.OperationActionTypeCase == P.OperationAction.OperationActionTypeOneofCase.SendSignal).Select(a => a.SendSignal)];

    public static IReadOnlyList<P.StartNewOrchestrationAction> Orchestrations(this P.EntityBatchResult result) =>
        [.. result.Actions.Where(a => a.OperationActionTypeCase == P.OperationAction.OperationActionTypeOneofCase.StartNewOrchestration).Select(a => a.StartNewOrchestration)];

    public static T Input<T>(this P.StartNewOrchestrationAction action) =>
        (T)AppHost.DataConverter.Deserialize(action.Input, typeof(T))!;

    public static T Input<T>(this P.SendSignalAction action) =>
        (T)AppHost.DataConverter.Deserialize(action.Input, typeof(T))!;
}
