using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Functions.Housekeeping;

/// <summary>Hourly: purges finished nudge, reaction and publish orchestrations older than <see cref="HousekeepingOptions.PurgeAfter"/>.</summary>
public sealed partial class TaskHubPurgeFunction(
    IOptions<HousekeepingOptions> options, TimeProvider time, ILogger<TaskHubPurgeFunction> logger)
{
    /// <summary>NCRONTAB (with seconds): minute 7 of every hour, off the top of the hour.</summary>
    public const string Schedule = "0 7 * * * *";

    [Function(nameof(TaskHubPurgeFunction))]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        PurgeInstancesFilter filter = PurgePolicy.FilterFor(time.GetUtcNow(), options.Value.PurgeAfter);
        PurgeResult result = await client.PurgeAllInstancesAsync(filter, ct);
        LogPurged(result.PurgedInstanceCount, filter.CreatedTo);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task hub purge: {Count} finished orchestrations created before {CreatedTo} removed")]
    private partial void LogPurged(int count, DateTimeOffset? createdTo);
}
