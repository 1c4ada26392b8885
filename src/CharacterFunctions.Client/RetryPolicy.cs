namespace CharacterFunctions.Client;

/// <summary>
/// When and how long to wait before repeating a call that is safe to repeat (a turn with its id, a
/// GET, a PUT, an event with its id). Transient: 502, 503, 504, a timeout or a lost connection, and
/// 409 with Retry-After (the same turn is still being processed). The server's Retry-After wins over
/// the backoff; one longer than <see cref="MaxRetryAfter"/> ends the retries.
/// </summary>
public sealed record RetryPolicy
{
    public static readonly RetryPolicy Default = new();

    /// <summary>Attempts in total, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Backoff before the second attempt; doubled each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest Retry-After the client waits for; a longer one is reported to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether an HTTP status is worth repeating the same request for.</summary>
    public static bool IsTransient(int status, bool hasRetryAfter) =>
        status is 502 or 503 or 504 || (status == 409 && hasRetryAfter);

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2 = the first retry), or null when no
    /// attempt is left or the server asked for a longer wait than this policy accepts.
    /// </summary>
    public TimeSpan? DelayBefore(int nextAttempt, TimeSpan? retryAfter)
    {
        if (nextAttempt > MaxAttempts)
        {
            return null;
        }
        if (retryAfter is { } asked)
        {
            return asked <= MaxRetryAfter ? asked : null;
        }
        var factor = Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var backoff = TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks));
        return backoff;
    }
}
