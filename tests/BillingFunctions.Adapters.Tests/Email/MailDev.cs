using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using BillingFunctions.Adapters.Tests.StripeApi;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>A real SMTP server (maildev from node_modules) on loopback with free ports; killed on dispose.</summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _web;

    private readonly TaskCompletionSource _smtpListening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        // A bare TCP probe would crash a TLS maildev (it rethrows the handshake error), so wait for its log line.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("SMTP Server running", StringComparison.Ordinal) == true) _smtpListening.TrySetResult();
        };
        SmtpPort = smtpPort;
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }

    public static async Task<MailDev> StartAsync(params string[] extraArguments)
    {
        var binary = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "maildev");
        if (!File.Exists(binary))
            throw new InvalidOperationException($"maildev is missing at {binary}; run npm ci in the repository root.");
        var (smtp, web) = (FreePort(), FreePort());
        var start = new ProcessStartInfo(binary, ["--smtp", smtp.ToString(), "--web", web.ToString(), "--ip", "127.0.0.1", .. extraArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start");
        var mailDev = new MailDev(process, smtp, web);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await mailDev.WaitUntilReadyAsync();
        return mailDev;
    }

    /// <summary>Every email maildev holds that was sent to <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> EmailsToAsync(string recipient)
    {
        var all = await _web.GetFromJsonAsync<List<ReceivedEmail>>("email") ?? [];
        return all.Where(e => e.To.Any(t => string.Equals(t.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"maildev exited with code {_process.ExitCode} while starting");
            try
            {
                using var response = await _web.GetAsync("email");
                if (response.IsSuccessStatusCode && _smtpListening.Task.IsCompleted) return;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("maildev did not answer within 30 s");
            await Task.Delay(200);
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
        _web.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>An email as maildev's REST API shows it (GET /email).</summary>
public sealed record ReceivedEmail(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("from")] IReadOnlyList<ReceivedAddress> From,
    [property: JsonPropertyName("to")] IReadOnlyList<ReceivedAddress> To,
    [property: JsonPropertyName("bcc")] IReadOnlyList<ReceivedAddress>? Bcc,
    [property: JsonPropertyName("date")] DateTimeOffset? Date);

public sealed record ReceivedAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);

/// <summary>One maildev for all email test classes.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    public MailDev Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MailDev.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MailDevCollection : ICollectionFixture<MailDevFixture>
{
    public const string Name = "maildev";
}
