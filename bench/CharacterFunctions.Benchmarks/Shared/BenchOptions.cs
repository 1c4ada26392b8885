using System.Globalization;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>What to run and how big; every size has a default that keeps the full run within a few minutes.</summary>
public sealed record BenchOptions
{
    public string What { get; init; } = "all";

    /// <summary>Measured seconds per target and client count in the throughput benchmark.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Unmeasured seconds before each throughput run, so the JIT has settled (tier-1 code).</summary>
    public double WarmupSeconds { get; init; } = 3;

    /// <summary>Timed turns per transcript size in the scale benchmark.</summary>
    public int ScaleTurns { get; init; } = 300;

    /// <summary>Messages in the large transcript of the scale benchmark.</summary>
    public int LargeTranscript { get; init; } = 100_000;

    /// <summary>Sessions with armed idle timers in the memory benchmark.</summary>
    public int Sessions { get; init; } = 10_000;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options = options with { What = arg };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{arg} needs a value.");
            }
            var value = args[++i];
            options = arg switch
            {
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup-seconds" => options with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--scale-turns" => options with { ScaleTurns = int.Parse(value, CultureInfo.InvariantCulture) },
                "--large" => options with { LargeTranscript = int.Parse(value, CultureInfo.InvariantCulture) },
                "--sessions" => options with { Sessions = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {arg}."),
            };
        }
        if (options.What is not ("all" or "throughput" or "prefix" or "azure" or "scale" or "memory"))
        {
            throw new ArgumentException($"Unknown benchmark '{options.What}': use all, throughput, prefix, azure, scale or memory.");
        }
        return options;
    }
}
