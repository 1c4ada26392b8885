using CharacterFunctions.Benchmarks.PrefixStability;
using CharacterFunctions.Benchmarks.Scale;
using CharacterFunctions.Benchmarks.Throughput;

// Prints figures (markdown) for docs/performance.md. Not a test: nothing here passes or fails a build.
//   dotnet run -c Release --project bench/CharacterFunctions.Benchmarks [all|throughput|prefix|scale|memory]
var what = args.FirstOrDefault() ?? "all";
var output = Console.Out;
output.WriteLine($"# CharacterFunctions benchmarks — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                 $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
output.WriteLine();

if (what is "all" or "prefix")
{
    PrefixStabilityBenchmark.Run(output);
}
if (what is "all" or "throughput")
{
    await ThroughputBenchmark.RunAsync(output);
}
if (what is "all" or "scale")
{
    await TranscriptScaleBenchmark.RunAsync(output);
}
if (what is "all" or "memory")
{
    // Last: it leaves ten thousand sessions behind in this process.
    await IdleTimerMemoryBenchmark.RunAsync(output);
}
