using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Scale;

/// <summary>
/// A turn on a session with 100,000 transcript messages must cost within 1.5x of one with 100:
/// the prompt is built from a ranged read of the tail window, never the whole transcript.
/// </summary>
public static class TranscriptScaleBenchmark
{
    public static async Task RunAsync(TextWriter output, BenchOptions options)
    {
        var turns = options.ScaleTurns;
        var largeCount = options.LargeTranscript;
        await using var model = await FakeModelServer.StartAsync();
        model.RecordRequests = false;
        await using var host = await BenchHost.StartAsync(model);
        await host.PutCharacterAsync("jiang-rang", "Jiang Rang", "You are Jiang Rang, a Go prodigy.", "Class monitor, what are you up to?");
        var store = host.App.Services.GetRequiredService<ISessionStore>();

        var small = await host.CreateSessionAsync("jiang-rang");
        var large = await host.CreateSessionAsync("jiang-rang");
        await SeedAsync(store, small.SessionId, 100);
        await SeedAsync(store, large.SessionId, largeCount);

        var smallStats = new LatencyStats();
        var largeStats = new LatencyStats();
        // Enough unmeasured turns for the JIT to settle on tier-1 code for both paths.
        for (var i = 0; i < 100; i++)
        {
            await host.PostTurnAsync(small.SessionId, small.Token, "warm-up");
            await host.PostTurnAsync(large.SessionId, large.Token, "warm-up");
        }
        // Interleaved so both sizes see the same machine conditions.
        for (var i = 0; i < turns; i++)
        {
            smallStats.Add(await TimeAsync(() => host.PostTurnAsync(small.SessionId, small.Token, $"Still reading, page {i}.")));
            largeStats.Add(await TimeAsync(() => host.PostTurnAsync(large.SessionId, large.Token, $"Still reading, page {i}.")));
        }

        var ratio = largeStats.Percentile(50) / smallStats.Percentile(50);
        var meanRatio = largeStats.Mean / smallStats.Mean;
        output.WriteLine("## Turn cost vs transcript length");
        output.WriteLine();
        output.WriteLine($"Whole turns over HTTP (local host, zero-latency fake model), the two sessions alternating; {turns} measured turns each after 100 warm-up turns each. " +
                         $"The large transcript was seeded with {largeCount:N0} messages through the store before the first turn.");
        output.WriteLine();
        output.WriteLine("| transcript messages | turns | mean ms | p50 ms | p99 ms |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        output.WriteLine($"| 100 | {turns} | {smallStats.Mean:F2} | {smallStats.Percentile(50):F2} | {smallStats.Percentile(99):F2} |");
        output.WriteLine($"| {largeCount:N0} | {turns} | {largeStats.Mean:F2} | {largeStats.Percentile(50):F2} | {largeStats.Percentile(99):F2} |");
        output.WriteLine();
        output.WriteLine($"- p50 ratio {largeCount:N0} / 100 = {ratio:F2}x (target <= 1.5x) -> {(ratio <= 1.5 ? "MET" : "NOT MET")}; mean ratio = {meanRatio:F2}x");
        output.WriteLine();
    }

    /// <summary>Appends alternating player/character messages straight through the store, in committed batches.</summary>
    private static async Task SeedAsync(ISessionStore store, string sessionId, int count)
    {
        var head = await store.GetAsync(sessionId, CancellationToken.None) ?? throw new InvalidOperationException("session missing");
        var now = DateTimeOffset.UtcNow;
        while (head.LastSeq < count)
        {
            var batch = new List<TranscriptMessage>();
            for (var seq = head.LastSeq + 1; seq <= Math.Min(count, head.LastSeq + 90); seq++)
            {
                var fromPlayer = seq % 2 == 0;
                batch.Add(new TranscriptMessage
                {
                    Seq = seq,
                    Role = fromPlayer ? MessageRole.User : MessageRole.Assistant,
                    Kind = fromPlayer ? MessageKind.User : MessageKind.Reply,
                    Speaker = fromPlayer ? "Class Monitor" : "Jiang Rang",
                    SpeakerId = fromPlayer ? "p-1" : "jiang-rang",
                    Text = fromPlayer ? $"Message {seq}: what do you think about this chapter?" : $"Reply {seq}: (smiles) Tell me more about it.",
                    CreatedAt = now,
                });
            }
            var updated = head with { LastSeq = batch[^1].Seq };
            head = await store.CommitAsync(SessionCommit.Append(head, updated, batch), CancellationToken.None);
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await action();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}
