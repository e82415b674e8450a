using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>A loopback endpoint that keeps each webhook delivery's raw body and Stripe-Signature header.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/stripe/webhook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await receiver._received.Writer.WriteAsync(new ReceivedWebhook(body.ToArray(), request.Headers["Stripe-Signature"].ToString()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/stripe/webhook");
        return receiver;
    }

    /// <summary>Waits for the next delivery whose body satisfies <paramref name="match"/>; others are skipped.</summary>
    public async Task<ReceivedWebhook> NextAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var webhook = await _received.Reader.ReadAsync(cancel.Token);
            if (match(webhook))
            {
                return webhook;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(byte[] Body, string Signature);
