using System.Diagnostics;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Testing;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Benchmarks.Scale;

/// <summary>
/// 10,000 sessions with armed idle timers in the local host must fit in 200 MB. Measured on the
/// local host alone: the built host runs as its own process, the sessions are created over HTTP
/// with an hour of idle time (so every timer stays armed), and its resident set is read from
/// /proc/&lt;pid&gt;/status before and after.
/// </summary>
public static class IdleTimerMemoryBenchmark
{
    private const double TargetMegabytes = 200;

    public static async Task RunAsync(TextWriter output, BenchOptions options)
    {
        var sessions = options.Sessions;
        await using var model = await FakeModelServer.StartAsync();
        model.RecordRequests = false;
        await using var host = await HostProcess.StartAsync(model.BaseUrl);
        using var http = BenchHost.NewClient(host.BaseAddress);
        var api = new ApiClient(http);

        // Warm the paths once (JIT, connection pool, schema) so "before" is a host that has served requests.
        await api.PutCharacterAsync("jiang-rang", "Jiang Rang", "You are Jiang Rang, a Go prodigy.", "Class monitor, what are you up to?");
        for (var i = 0; i < 20; i++)
        {
            await api.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var rssBefore = host.ReadStatusMegabytes("VmRSS");

        var started = Stopwatch.StartNew();
        await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            // An hour of idle time: every session keeps an armed timer for the whole measurement.
            await api.CreateSessionAsync("jiang-rang", idleAfterSeconds: 3600);
        });
        var createSeconds = started.Elapsed.TotalSeconds;
        // Let background work (actor mailboxes saving state and arming timers) settle before reading.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssAfter = host.ReadStatusMegabytes("VmRSS");
        var rssPeak = host.ReadStatusMegabytes("VmHWM");
        var armed = CountArmed(host.DatabasePath);

        output.WriteLine("## Memory of sessions with armed idle timers (local host process alone)");
        output.WriteLine();
        output.WriteLine($"The built local host runs as its own process (`dotnet CharacterFunctions.LocalHost.dll`, {host.GcMode} GC as shipped); {sessions:N0} sessions " +
                         $"with `idle.afterSeconds = 3600` were created over HTTP by 16 parallel clients in {createSeconds:F1} s. RSS from /proc/<pid>/status.");
        output.WriteLine();
        output.WriteLine("| sessions (total) | with armed idle timer (actor state) | RSS before MB | RSS after MB | RSS delta MB | peak RSS (VmHWM) MB | RSS delta per session KB |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        output.WriteLine($"| {sessions + 20:N0} | {armed:N0} | {rssBefore:F1} | {rssAfter:F1} | {rssAfter - rssBefore:F1} | {rssPeak:F1} | {(rssAfter - rssBefore) * 1024 / sessions:F2} |");
        output.WriteLine();
        output.WriteLine($"- whole local host process RSS {rssAfter:F0} MB with {armed:N0} armed sessions (target <= {TargetMegabytes:F0} MB) -> {(rssAfter <= TargetMegabytes ? "MET" : "NOT MET")}");
        output.WriteLine();
    }

    /// <summary>Sessions whose saved actor state has an idle check due: each of those has a timer armed in the host.</summary>
    private static long CountArmed(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM actor_states WHERE active = 1 AND json_extract(json, '$.idleDueAt') IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }
}
