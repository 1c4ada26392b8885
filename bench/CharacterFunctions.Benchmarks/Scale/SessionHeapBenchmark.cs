using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Scale;

/// <summary>
/// The managed heap that armed sessions keep alive: the local host started in this process, the
/// heap measured after a full collection before and after creating the sessions. Complements the
/// process RSS figure with what is really retained per session (RSS also holds garbage not yet
/// collected, GC heap reserve and SQLite's page caches).
/// </summary>
public static class SessionHeapBenchmark
{
    public static async Task RunAsync(TextWriter output, BenchOptions options)
    {
        var sessions = options.Sessions;
        await using var model = await FakeModelServer.StartAsync();
        model.RecordRequests = false;
        await using var host = await BenchHost.StartAsync(model);
        await host.PutCharacterAsync("jiang-rang", "Jiang Rang", "You are Jiang Rang, a Go prodigy.", "Class monitor, what are you up to?");
        for (var i = 0; i < 20; i++)
        {
            await host.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
            await host.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        const double mb = 1024 * 1024;
        output.WriteLine("Managed heap kept alive by the sessions (local host in the benchmark process, after full collections):");
        output.WriteLine();
        output.WriteLine("| sessions | heap before MB | heap after MB | retained MB | retained bytes/session |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        output.WriteLine($"| {sessions:N0} | {heapBefore / mb:F1} | {heapAfter / mb:F1} | {(heapAfter - heapBefore) / mb:F1} | {(heapAfter - heapBefore) / sessions:N0} |");
        output.WriteLine();
    }
}
