using System.Diagnostics;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Scale;

/// <summary>
/// 10,000 sessions with armed idle timers in the local host must fit in 200 MB: one mailbox, one
/// timer and one small state per session, nothing per-session that grows.
/// </summary>
public static class IdleTimerMemoryBenchmark
{
    public static async Task RunAsync(TextWriter output, int sessions = 10_000)
    {
        await using var model = await FakeModelServer.StartAsync();
        await using var host = await BenchHost.StartAsync(model);
        await host.PutCharacterAsync("jiang-rang", "Jiang Rang", "You are Jiang Rang, a Go prodigy.", "Class monitor, what are you up to?");
        await host.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;

        var created = 0;
        await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            // An hour of idle time: every session keeps an armed timer for the whole measurement.
            await host.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600);
            Interlocked.Increment(ref created);
        });

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetAfter = process.WorkingSet64;
        const double mb = 1024 * 1024;
        var heapDelta = (heapAfter - heapBefore) / mb;
        var wsDelta = (workingSetAfter - workingSetBefore) / mb;

        output.WriteLine("## Memory of sessions with armed idle timers (local host)");
        output.WriteLine();
        output.WriteLine("| sessions | managed heap delta MB | working set delta MB | process working set MB | bytes/session (heap) |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        output.WriteLine($"| {created:N0} | {heapDelta:F1} | {wsDelta:F1} | {workingSetAfter / mb:F1} | {(heapAfter - heapBefore) / Math.Max(created, 1):N0} |");
        output.WriteLine();
        output.WriteLine($"- whole process working set {workingSetAfter / mb:F0} MB with {created:N0} armed sessions (target <= 200 MB) -> {(workingSetAfter / mb <= 200 ? "MET" : "NOT MET")}");
        output.WriteLine();
    }
}
