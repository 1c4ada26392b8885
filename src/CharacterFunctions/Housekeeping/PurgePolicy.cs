using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Housekeeping;

/// <summary>Which orchestration instances the hourly purge removes: finished ones created before the cut-off.</summary>
public static class PurgePolicy
{
    /// <summary>Only end states: a running or pending orchestration (and every entity, which stays Running) is kept.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> FinishedStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public static PurgeInstancesFilter FilterFor(DateTimeOffset now, TimeSpan purgeAfter) =>
        new(CreatedFrom: null, CreatedTo: now.ToUniversalTime() - purgeAfter, Statuses: FinishedStatuses);
}
