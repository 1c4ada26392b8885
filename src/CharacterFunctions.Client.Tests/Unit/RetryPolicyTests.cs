namespace CharacterFunctions.Client.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(502, false, true)]
    [InlineData(503, false, true)]
    [InlineData(504, true, true)]
    [InlineData(409, true, true)]
    [InlineData(409, false, false)]
    [InlineData(400, false, false)]
    [InlineData(422, true, false)]
    [InlineData(500, false, false)]
    public void IsTransient_Status_OnlyGatewayFailuresAndInProgressConflicts(int status, bool hasRetryAfter, bool expected) =>
        Assert.Equal(expected, RetryPolicy.IsTransient(status, hasRetryAfter));

    [Fact]
    public void DelayBefore_NoRetryAfter_DoublesFromBaseUpToMax()
    {
        var policy = new RetryPolicy { MaxAttempts = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };

        var delays = Enumerable.Range(2, 5).Select(attempt => policy.DelayBefore(attempt, null)).ToList();

        Assert.Equal(new TimeSpan?[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) }, delays);
    }

    [Fact]
    public void DelayBefore_RetryAfterGiven_WaitsExactlyThatLong() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.Default.DelayBefore(2, TimeSpan.FromSeconds(7)));

    [Fact]
    public void DelayBefore_RetryAfterBeyondTheLimit_GivesUp() =>
        Assert.Null(new RetryPolicy { MaxRetryAfter = TimeSpan.FromSeconds(30) }.DelayBefore(2, TimeSpan.FromSeconds(60)));

    [Fact]
    public void DelayBefore_AttemptsUsedUp_GivesUp() =>
        Assert.Null(new RetryPolicy { MaxAttempts = 3 }.DelayBefore(4, null));
}
