using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StripeEmulator.Tests.Support;

/// <summary>A real HTTP endpoint that records webhook deliveries and answers with scripted status codes.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scriptedStatuses = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Delivery(string Body, string Signature, DateTimeOffset At, int AnsweredWith);

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._scriptedStatuses.TryDequeue(out var scripted) ? scripted : 200;
            receiver.Deliveries.Enqueue(new Delivery(body, http.Request.Headers["Stripe-Signature"].ToString(), DateTimeOffset.UtcNow, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>The next deliveries get these statuses, in order; after that, 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _scriptedStatuses.Enqueue(status);
    }

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(Func<IReadOnlyCollection<Delivery>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(Deliveries))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Webhook deliveries did not arrive in time; got {Deliveries.Count}.");
            await Task.Delay(20);
        }
        return [.. Deliveries];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
