using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>maildev (npm, from the repository's node_modules) on free loopback ports: a real SMTP server whose REST API lists what arrived.</summary>
internal sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _web;

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }

    public static async Task<MailDev> StartAsync()
    {
        var binary = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "maildev");
        if (!File.Exists(binary)) throw new InvalidOperationException($"maildev is missing at {binary}; run npm ci in the repository root.");
        var (smtp, web) = (FreePort(), FreePort());
        var smtpUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(new ProcessStartInfo(binary, ["--smtp", smtp.ToString(), "--web", web.ToString(), "--ip", "127.0.0.1"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("maildev did not start");
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("SMTP Server running", StringComparison.Ordinal) == true) smtpUp.TrySetResult();
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mailDev = new MailDev(process, smtp, web);
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"maildev exited with {process.ExitCode}");
            try
            {
                using var response = await mailDev._web.GetAsync("email");
                return response.IsSuccessStatusCode && smtpUp.Task.IsCompleted;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "maildev answers", TimeSpan.FromSeconds(30));
        return mailDev;
    }

    public async Task<IReadOnlyList<ReceivedEmail>> EmailsToAsync(string recipient) =>
        [.. (await _web.GetFromJsonAsync<List<ReceivedEmail>>("email") ?? []).Where(e => e.To.Any(t => string.Equals(t.Address, recipient, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No BillingFunctions.sln above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An email as maildev's REST API shows it.</summary>
internal sealed record ReceivedEmail(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("to")] IReadOnlyList<ReceivedAddress> To);

internal sealed record ReceivedAddress([property: JsonPropertyName("address")] string Address);

/// <summary>One maildev for a test class.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    internal MailDev Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MailDev.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
