using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>
/// The built local host (CharacterFunctions.LocalHost.dll, copied next to this benchmark) started as its
/// own process on a loopback port, with a throw-away SQLite database: so its memory can be read from
/// /proc without the benchmark's own allocations in the figure.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    private HostProcess(Process process, Uri baseAddress, string dataDir)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDir = dataDir;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public string DatabasePath => Path.Combine(_dataDir, "bench.db");

    /// <summary>"server" or "workstation", as the host's runtimeconfig.json ships it.</summary>
    public string GcMode
    {
        get
        {
            var config = Path.Combine(AppContext.BaseDirectory, "CharacterFunctions.LocalHost.runtimeconfig.json");
            var server = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>();
            return server == true ? "server" : "workstation";
        }
    }

    public static async Task<HostProcess> StartAsync(string modelBaseUrl)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CharacterFunctions.LocalHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The local host was not built next to the benchmark.", dll);
        }
        var dataDir = Directory.CreateTempSubdirectory("cf-bench-host-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Model__BaseUrl"] = modelBaseUrl;
        start.Environment["Model__ApiKey"] = "bench-key";
        start.Environment["Auth__OperatorKey"] = BenchHost.OperatorKey;
        start.Environment["Auth__SessionTokenSecret"] = "bench-secret-bench-secret-bench-secret";
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(dataDir, "bench.db")}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"), dataDir);
        try
        {
            await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>A /proc/&lt;pid&gt;/status field in MB (VmRSS = resident now, VmHWM = peak resident).</summary>
    public double ReadStatusMegabytes(string field)
    {
        var value = MachineInfo.ReadField($"/proc/{_process.Id}/status", field)
            ?? throw new PlatformNotSupportedException($"/proc/{_process.Id}/status has no {field} (Linux only).");
        return long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode} during start-up.");
            }
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("The local host did not become healthy in time.");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is disposable anyway.
        }
    }
}
