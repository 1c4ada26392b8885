using CharacterFunctions.Benchmarks.AzurePath;
using CharacterFunctions.Benchmarks.PrefixStability;
using CharacterFunctions.Benchmarks.Scale;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Benchmarks.Throughput;

// Prints figures (markdown) for docs/performance.md. Not a test: nothing here passes or fails a build.
//   dotnet run -c Release --project bench/CharacterFunctions.Benchmarks -- [all|throughput|prefix|azure|scale|memory] [--name value ...]
// Sizes (defaults in brackets): --seconds [10] measured seconds per throughput run, --warmup-seconds [3],
// --scale-turns [300], --large [100000] transcript messages, --sessions [10000] armed sessions.
var options = BenchOptions.Parse(args);
var output = Console.Out;
output.WriteLine($"# CharacterFunctions benchmarks — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
output.WriteLine();
MachineInfo.Write(output);

var what = options.What;
if (what is "all" or "prefix")
{
    PrefixStabilityBenchmark.Run(output);
    output.WriteLine();
}
if (what is "all" or "throughput")
{
    await ThroughputBenchmark.RunAsync(output, options);
}
if (what is "all" or "azure")
{
    await AzurePathBenchmark.RunAsync(output);
}
if (what is "all" or "scale")
{
    await TranscriptScaleBenchmark.RunAsync(output, options);
}
if (what is "all" or "memory")
{
    await IdleTimerMemoryBenchmark.RunAsync(output, options);
    await SessionHeapBenchmark.RunAsync(output, options);
}
