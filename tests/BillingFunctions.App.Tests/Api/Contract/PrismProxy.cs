using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillingFunctions.App.Tests.Api.Contract;

/// <summary>
/// Stoplight Prism's validating proxy (<c>prism proxy --errors</c>, pinned in package.json) in front of the app: it
/// forwards each request and answers an RFC 9457 error of its own instead whenever the request or the app's response
/// breaks the OpenAPI document it was given. A validator we did not write, so our reading of the document is not
/// what is tested.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    /// <summary>What Prism's own errors have as their type; the app's problems never do.</summary>
    public const string ErrorTypeBase = "https://stoplight.io/prism/errors#";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private PrismProxy(Process process, StringBuilder log, Uri url)
    {
        _process = process;
        _log = log;
        Url = url;
    }

    public Uri Url { get; }

    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../.."));

    public static string CheckedInDocument => Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    public static async Task<PrismProxy> StartAsync(string documentPath, Uri upstream)
    {
        // PRISM_CLI points at another install of the same pinned version, for a checkout whose node_modules lacks it.
        var cli = Environment.GetEnvironmentVariable("PRISM_CLI") is { Length: > 0 } installed
            ? installed
            : Path.Combine(RepositoryRoot(), "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        Assert.True(File.Exists(cli), $"{cli} is missing; run npm ci (package.json pins @stoplight/prism-cli).");
        var port = FreePort();
        var start = new ProcessStartInfo("node",
            [cli, "proxy", documentPath, upstream.GetLeftPart(UriPartial.Authority), "--errors", "--host", "127.0.0.1", "--port", port.ToString()])
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new PrismProxy(process, log, new Uri($"http://127.0.0.1:{port}"));

        // Prism takes a while to load the document on a busy machine; it is ready once its port answers.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Prism exited with {process.ExitCode}:\n{proxy.Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
