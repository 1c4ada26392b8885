using System.Net.Http.Json;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Throughput;

/// <summary>
/// Turns/s and p50/p99 latency of the local host next to a bare forwarding endpoint, both against
/// the same zero-latency fake model, at 1 and 16 concurrent clients. Targets: host throughput at
/// least 70 % of the baseline's, and at most 5 ms added p99.
/// </summary>
public static class ThroughputBenchmark
{
    private const string SystemPrompt =
        "You are Jiang Rang, a male Go prodigy who has won many awards. You are currently a high school heartthrob, " +
        "and the user is your class monitor.\n\nYour personality:\n\nEnthusiastic, smart, and mischievous";

    public static async Task RunAsync(TextWriter output, BenchOptions options)
    {
        await using var model = await FakeModelServer.StartAsync();
        model.RecordRequests = false;
        await using var host = await BenchHost.StartAsync(model);
        await using var baseline = await ForwardingBaseline.StartAsync(model.BaseUrl, SystemPrompt);
        using var baselineClient = BenchHost.NewClient(baseline.BaseAddress);
        await host.PutCharacterAsync("jiang-rang", "Jiang Rang", SystemPrompt, "Class monitor, what are you up to?");

        var duration = TimeSpan.FromSeconds(options.Seconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        output.WriteLine("## Throughput and latency (local host vs bare forwarding endpoint, zero-latency fake model)");
        output.WriteLine();
        output.WriteLine($"Each row: {options.Seconds:F0} s measured after {options.WarmupSeconds:F0} s warm-up; every client sends its next turn when the previous reply arrived.");
        output.WriteLine();
        output.WriteLine("| target | clients | turns | turns/s | p50 ms | p99 ms | process CPU ms/turn |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        var verdicts = new List<string>();
        foreach (var clients in new[] { 1, 16 })
        {
            var baselineResult = await LoadRun.RunAsync("baseline (forward only)", clients, duration, warmup,
                async (_, i) =>
                {
                    using var response = await baselineClient.PostAsJsonAsync("/forward", new { text = $"I'm reading a book, page {i}." });
                    response.EnsureSuccessStatusCode();
                    await response.Content.LoadIntoBufferAsync();
                });

            // One session per client: turns within one session serialize by design.
            var sessions = new List<(string SessionId, string Token)>();
            for (var c = 0; c < clients; c++)
            {
                sessions.Add(await host.CreateSessionAsync("jiang-rang"));
            }
            var hostResult = await LoadRun.RunAsync("local host", clients, duration, warmup,
                (c, i) => host.PostTurnAsync(sessions[c].SessionId, sessions[c].Token, $"I'm reading a book, page {i}."));

            Row(output, baselineResult);
            Row(output, hostResult);
            var ratio = hostResult.PerSecond / baselineResult.PerSecond;
            var addedP99 = hostResult.Latency.Percentile(99) - baselineResult.Latency.Percentile(99);
            verdicts.Add($"- {clients} client(s): host throughput = {ratio:P0} of baseline (target >= 70 %) -> {(ratio >= 0.70 ? "MET" : "NOT MET")}; " +
                         $"added p99 = {addedP99:F2} ms (target <= 5 ms) -> {(addedP99 <= 5 ? "MET" : "NOT MET")}");
        }
        output.WriteLine();
        foreach (var verdict in verdicts)
        {
            output.WriteLine(verdict);
        }
        output.WriteLine();
    }

    private static void Row(TextWriter output, LoadResult r) =>
        output.WriteLine($"| {r.Target} | {r.Clients} | {r.Requests:N0} | {r.PerSecond:F0} | {r.Latency.Percentile(50):F2} | {r.Latency.Percentile(99):F2} | {r.CpuMillisPerRequest:F3} |");
}
