using System.Diagnostics;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>Result of driving one target with a number of concurrent clients.</summary>
public sealed record LoadResult(string Target, int Clients, int Requests, TimeSpan Elapsed, LatencyStats Latency)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs <c>clients</c> concurrent loops, each sending <c>requestsPerClient</c> requests one after the
/// other (a chat client waits for its reply), after a warm-up that is not measured.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        string target,
        int clients,
        int requestsPerClient,
        int warmupPerClient,
        Func<int, int, Task> sendAsync)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var i = 0; i < warmupPerClient; i++)
            {
                await sendAsync(c, -1 - i);
            }
        }));

        var stats = new LatencyStats();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                var one = Stopwatch.StartNew();
                await sendAsync(c, i);
                stats.Add(one.Elapsed);
            }
        }));
        total.Stop();
        return new LoadResult(target, clients, clients * requestsPerClient, total.Elapsed, stats);
    }
}
