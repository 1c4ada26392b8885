using System.Runtime.InteropServices;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>The machine the figures came from, read at run time (Linux /proc where available).</summary>
public static class MachineInfo
{
    public static void Write(TextWriter output)
    {
        output.WriteLine("| machine | |");
        output.WriteLine("|---|---|");
        output.WriteLine($"| CPU | {CpuModel()} |");
        output.WriteLine($"| logical cores | {Environment.ProcessorCount} |");
        output.WriteLine($"| memory | {MemoryTotal()} |");
        output.WriteLine($"| OS | {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}) |");
        output.WriteLine($"| runtime | {RuntimeInformation.FrameworkDescription}, server GC: {System.Runtime.GCSettings.IsServerGC} |");
        output.WriteLine();
    }

    private static string CpuModel() =>
        ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryTotal()
    {
        var kb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return kb is not null && long.TryParse(kb, out var value) ? $"{value / 1024.0 / 1024.0:F1} GiB" : "unknown";
    }

    /// <summary>The value after "name:" on the first line that starts with name, or null.</summary>
    internal static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }
        return null;
    }
}
