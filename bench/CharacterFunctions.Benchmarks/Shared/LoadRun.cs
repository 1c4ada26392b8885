using System.Diagnostics;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>Result of driving one target with a number of concurrent clients.</summary>
/// <param name="CpuTime">CPU time of the whole benchmark process during the run (clients, target and fake model).</param>
public sealed record LoadResult(string Target, int Clients, int Requests, TimeSpan Elapsed, LatencyStats Latency, TimeSpan CpuTime)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Process CPU milliseconds per request: less sensitive to other load on the machine than turns/s.</summary>
    public double CpuMillisPerRequest => CpuTime.TotalMilliseconds / Requests;
}

/// <summary>
/// Runs <c>clients</c> concurrent loops, each sending one request after the other (a chat client
/// waits for its reply) for a fixed time, after an unmeasured warm-up of the same shape.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        string target,
        int clients,
        TimeSpan duration,
        TimeSpan warmup,
        Func<int, int, Task> sendAsync)
    {
        var counter = 0;
        await DriveAsync(clients, warmup, () => Interlocked.Increment(ref counter), sendAsync, stats: null);

        var measured = new LatencyStats();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var requests = await DriveAsync(clients, duration, () => Interlocked.Increment(ref counter), sendAsync, measured);
        total.Stop();
        process.Refresh();
        return new LoadResult(target, clients, requests, total.Elapsed, measured, process.TotalProcessorTime - cpuBefore);
    }

    private static async Task<int> DriveAsync(int clients, TimeSpan duration, Func<int> next, Func<int, int, Task> sendAsync, LatencyStats? stats)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var requests = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            // Every client finishes the request it started, so the run ends a little after the deadline;
            // the elapsed time used for turns/s includes that tail.
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await sendAsync(c, next());
                stats?.Add(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref requests);
            }
        })));
        return requests;
    }
}
