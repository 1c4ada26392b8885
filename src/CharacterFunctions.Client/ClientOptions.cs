namespace CharacterFunctions.Client;

/// <summary>Settings shared by <see cref="CharacterClient"/> and <see cref="OperatorClient"/>.</summary>
public sealed record ClientOptions
{
    public static readonly ClientOptions Default = new();

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>
    /// One attempt's limit; a turn waits for the model, so this is generous. Long polls get their wait
    /// on top. The HttpClient's own Timeout should be infinite (the clients make theirs that way).
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How long one long poll of <see cref="CharacterClient.WatchMessagesAsync"/> waits on the server (at most 60).</summary>
    public int LongPollSeconds { get; init; } = 30;
}
