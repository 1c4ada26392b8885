using CharacterFunctions.Functions.Housekeeping;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Tests.Housekeeping;

public sealed class PurgePolicyTests
{
    [Fact]
    public void FilterFor_Now_PurgesOnlyFinishedInstancesCreatedBeforeTheCutOff()
    {
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(8));

        PurgeInstancesFilter filter = PurgePolicy.FilterFor(now, TimeSpan.FromDays(7));

        Assert.Null(filter.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 4, 0, 0, TimeSpan.Zero), filter.CreatedTo);
        Assert.Equal(TimeSpan.Zero, filter.CreatedTo!.Value.Offset);
        Assert.Equal(
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            filter.Statuses!.Order());
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Running, filter.Statuses!);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Pending, filter.Statuses!);
    }

    [Theory]
    [InlineData("00:30:00", "01:00:00", "PurgeAfter")]
    [InlineData("7.00:00:00", "00:00:30", "EndedSessionGrace")]
    public void Problem_TooShort_NamesTheSetting(string purgeAfter, string grace, string setting)
    {
        var options = new HousekeepingOptions { PurgeAfter = TimeSpan.Parse(purgeAfter), EndedSessionGrace = TimeSpan.Parse(grace) };

        Assert.Contains(setting, options.Problem());
    }

    [Fact]
    public void Problem_Defaults_IsNull()
    {
        Assert.Null(new HousekeepingOptions().Problem());
    }
}
