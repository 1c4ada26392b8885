using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Storage.Sqlite;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Throughput;

/// <summary>
/// Turns/s, p50/p99 latency and process CPU per turn of the local host next to two forwarding
/// endpoints, all against the same zero-latency fake model, at 1 and 16 concurrent clients, in one run.
/// The verdicts compare the host with the fair forwarder (same request body as the turn), so they
/// measure persistence, auth and bookkeeping only; the bare forwarder is a second reference row.
/// </summary>
public static class ThroughputBenchmark
{
    private const string SystemPrompt =
        "You are Jiang Rang, a male Go prodigy who has won many awards. You are currently a high school heartthrob, " +
        "and the user is your class monitor.\n\nYour personality:\n\nEnthusiastic, smart, and mischievous";

    /// <summary>Issue 14 targets: host share of the fair baseline's turns/s and added p99, by client count.</summary>
    private static readonly Dictionary<int, (double MinShare, double MaxAddedP99Ms)> Targets = new()
    {
        [1] = (0.60, 5),
        [16] = (0.50, 10),
    };

    public static async Task RunAsync(TextWriter output, BenchOptions options)
    {
        await using var model = await FakeModelServer.StartAsync();
        await using var host = await BenchHost.StartAsync(model);
        await using var bare = await BareForwarder.StartAsync(model.BaseUrl, SystemPrompt);
        await using var fair = await FairForwarder.StartAsync(host.App.Services);
        using var bareClient = BenchHost.NewClient(bare.BaseAddress);
        using var fairClient = BenchHost.NewClient(fair.BaseAddress);
        await host.PutCharacterAsync("jiang-rang", "Jiang Rang", SystemPrompt, "Class monitor, what are you up to?");

        output.WriteLine("## Throughput and latency (local host vs forwarding endpoints, zero-latency fake model)");
        output.WriteLine();
        var same = await SameRequestBodiesAsync(host, fairClient, model, turns: 3);
        output.WriteLine($"Fair forwarder sends the model the same body as a host turn of the same session: {(same ? "yes" : "NO")} (first 3 turns of a fresh session compared byte for byte).");
        model.RecordRequests = false;

        var duration = TimeSpan.FromSeconds(options.Seconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        output.WriteLine($"Each row: {options.Seconds:F0} s measured after {options.WarmupSeconds:F0} s warm-up; every client sends its next turn when the previous reply arrived; one session per client.");
        output.WriteLine();
        output.WriteLine("| target | clients | turns | turns/s | p50 ms | p99 ms | process CPU ms/turn |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        var verdicts = new List<string>();
        foreach (var clients in new[] { 1, 16 })
        {
            var bareResult = await LoadRun.RunAsync("bare forwarder ({system, user})", clients, duration, warmup,
                async (_, i) =>
                {
                    using var response = await bareClient.PostAsJsonAsync("/forward", new { text = Text(i) });
                    response.EnsureSuccessStatusCode();
                    await response.Content.LoadIntoBufferAsync();
                });

            var fairSessions = new List<string>();
            var floorSessions = new List<string>();
            var hostSessions = new List<(string SessionId, string Token)>();
            for (var c = 0; c < clients; c++)
            {
                fairSessions.Add(await ForwardedSessionAsync(host, fairClient));
                floorSessions.Add(await ForwardedSessionAsync(host, fairClient));
                hostSessions.Add(await host.CreateSessionAsync("jiang-rang"));
            }
            var fairResult = await LoadRun.RunAsync("fair forwarder (same body)", clients, duration, warmup,
                (c, i) => ForwardAsync(fairClient, "/forward", fairSessions[c], Text(i)));
            var floorGrouping = WriteGrouping.Start(fair.FloorDatabase);
            var floorResult = await LoadRun.RunAsync("fair forwarder + the turn's one SQLite commit (durable floor)", clients, duration, warmup,
                (c, i) => ForwardAsync(fairClient, "/forward-durable", floorSessions[c], Text(i)));
            floorGrouping = floorGrouping.Stop();
            var hostGrouping = WriteGrouping.Start(host.App.Services.GetRequiredService<SqliteDatabase>());
            var hostResult = await LoadRun.RunAsync("local host", clients, duration, warmup,
                (c, i) => host.PostTurnAsync(hostSessions[c].SessionId, hostSessions[c].Token, Text(i)));
            hostGrouping = hostGrouping.Stop();

            Row(output, bareResult);
            Row(output, fairResult);
            Row(output, floorResult);
            Row(output, hostResult);
            verdicts.AddRange(Verdicts(clients, fairResult, floorResult, hostResult));
            verdicts.Add($"| {clients} | SQLite writes per transaction (group commit), host / durable floor | {hostGrouping.WritesPerTransaction:F2} / {floorGrouping.WritesPerTransaction:F2} | reported | — |");
        }
        output.WriteLine();
        output.WriteLine("| clients | measure | value | target | verdict |");
        output.WriteLine("|---:|---|---:|---:|---|");
        foreach (var verdict in verdicts)
        {
            output.WriteLine(verdict);
        }
        output.WriteLine();
    }

    private static IEnumerable<string> Verdicts(int clients, LoadResult fair, LoadResult floor, LoadResult host)
    {
        var (minShare, maxAdded) = Targets[clients];
        var share = host.PerSecond / fair.PerSecond;
        var added = host.Latency.Percentile(99) - fair.Latency.Percentile(99);
        yield return $"| {clients} | host turns/s as share of fair baseline | {share:P0} | >= {minShare:P0} | {Met(share >= minShare)} |";
        yield return $"| {clients} | added p99 (host - fair baseline) | {added:F2} ms | <= {maxAdded:F0} ms | {Met(added <= maxAdded)} |";
        yield return $"| {clients} | process CPU per turn, host / durable floor / fair baseline | {host.CpuMillisPerRequest:F3} / {floor.CpuMillisPerRequest:F3} / {fair.CpuMillisPerRequest:F3} ms | reported | — |";
        yield return $"| {clients} | durable floor turns/s as share of fair baseline (what one SQLite commit costs) | {floor.PerSecond / fair.PerSecond:P0} | reported | — |";
        yield return $"| {clients} | host turns/s as share of the durable floor (what the rest of a turn costs) | {host.PerSecond / floor.PerSecond:P0} | reported | — |";
    }

    /// <summary>Writes and transactions a database committed during a run (warm-up included): how much group commit grouped.</summary>
    private sealed record WriteGrouping(SqliteDatabase Database, long Writes, long Transactions)
    {
        public static WriteGrouping Start(SqliteDatabase database) => new(database, database.CommittedWrites, database.CommittedTransactions);

        public WriteGrouping Stop() => this with { Writes = Database.CommittedWrites - Writes, Transactions = Database.CommittedTransactions - Transactions };

        public double WritesPerTransaction => Transactions == 0 ? 0 : (double)Writes / Transactions;
    }

    private static string Met(bool met) => met ? "**MET**" : "**NOT MET**";

    private static string Text(int i) => $"I'm reading a book, page {i}.";

    /// <summary>A session created by the host (opening line included) and copied into the fair forwarder.</summary>
    private static async Task<string> ForwardedSessionAsync(BenchHost host, HttpClient fairClient)
    {
        var (sessionId, _) = await host.CreateSessionAsync("jiang-rang");
        using var response = await fairClient.PostAsync($"/sessions/{sessionId}", content: null);
        response.EnsureSuccessStatusCode();
        return sessionId;
    }

    private static async Task ForwardAsync(HttpClient client, string path, string sessionId, string text)
    {
        using var response = await client.PostAsJsonAsync(path, new { sessionId, text });
        response.EnsureSuccessStatusCode();
        await response.Content.LoadIntoBufferAsync();
    }

    /// <summary>True when the fair forwarder's model requests equal the host's for the same conversation.</summary>
    private static async Task<bool> SameRequestBodiesAsync(BenchHost host, HttpClient fairClient, FakeModelServer model, int turns)
    {
        var hostSession = await host.CreateSessionAsync("jiang-rang");
        var fairSession = await ForwardedSessionAsync(host, fairClient);
        var same = true;
        for (var i = 0; i < turns; i++)
        {
            model.Reset();
            await host.PostTurnAsync(hostSession.SessionId, hostSession.Token, Text(i));
            await ForwardAsync(fairClient, "/forward", fairSession, Text(i));
            var requests = model.Requests;
            same &= requests.Count == 2 && requests[0].Body == requests[1].Body;
        }
        return same;
    }

    private static void Row(TextWriter output, LoadResult r) =>
        output.WriteLine($"| {r.Target} | {r.Clients} | {r.Requests:N0} | {r.PerSecond:F0} | {r.Latency.Percentile(50):F2} | {r.Latency.Percentile(99):F2} | {r.CpuMillisPerRequest:F3} |");
}
