using System.Diagnostics;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// tools/BillingLocalHost as a process of its own (what scripts/run.sh starts), so a test can kill it outright
/// (SIGKILL, nothing flushed, nothing released) and start it again on the same storage and task hub.
/// </summary>
internal sealed class LocalHostProcess : IDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the host with these settings (as environment variables) and waits until it answers HTTP.</summary>
    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string hostJson, string log)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostDll, "--urls", $"http://127.0.0.1:{port}", "--host-json", hostJson },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var writer = TextWriter.Synchronized(new StreamWriter(log, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The local host exited with {process.ExitCode}; see {log}.");
            try
            {
                await http.GetAsync("api/health");
                return host;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The local host did not answer; see {log}.");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>SIGKILL: the process ends where it stands, mid-activity, mid-write, leases held.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(RepoRoot(), "tools", "BillingLocalHost", "bin", configuration, "net10.0", "BillingLocalHost.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build tools/BillingLocalHost first.", path);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("No BillingFunctions.sln above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
