using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace StripeEmulator;

/// <summary>A started emulator; dispose it to stop the server and its webhook worker.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningEmulator(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the emulator answers, e.g. <c>http://127.0.0.1:53211/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Builds and starts the emulator; returns once it accepts requests.</summary>
    public static Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default) =>
        StartAsync(options, ownsConsole: false, ct);

    /// <summary>Waits until Ctrl+C or SIGTERM when started from the command line.</summary>
    internal Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    internal static async Task<RunningEmulator> StartAsync(EmulatorOptions options, bool ownsConsole, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Hosted inside a test process, the emulator must not take over Ctrl+C and SIGTERM.
        if (!ownsConsole) builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Services.AddEmulator(options);

        var app = builder.Build();
        app.UseEmulator();
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var baseUrl = new Uri(address.Replace("//[::]", "//127.0.0.1").Replace("//0.0.0.0", "//127.0.0.1").TrimEnd('/') + "/");
        app.Services.GetRequiredService<EmulatorUrls>().Base = baseUrl;
        return new RunningEmulator(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class InProcessLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
