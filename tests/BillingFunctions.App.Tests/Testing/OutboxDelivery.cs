using Azure.Data.Tables;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.App.Tests.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>What the send-outbox-email function does over time, on demand: the real dispatcher and SMTP sender.</summary>
internal static class OutboxDelivery
{
    /// <summary>Sends everything on the host's outbox through the app's dispatcher and SMTP sender to a server on
    /// <paramref name="smtpPort"/>.</summary>
    public static async Task DispatchAsync(ApiHost host, int smtpPort)
    {
        var sent = new TableClient(ApiHost.AzuriteConnectionString, "sent" + Guid.NewGuid().ToString("N"));
        await sent.CreateIfNotExistsAsync();
        var sender = new SmtpEmailSender(new SmtpEmailSenderOptions
        {
            Host = "127.0.0.1", Port = smtpPort, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(15),
        }, TimeProvider.System);
        var dispatcher = new OutboxDispatcher(host.Outbox, sent, sender, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
        for (var round = 0; round < 20 && ((await host.Outbox.PeekMessagesAsync(1)).Value).Length > 0; round++)
            await dispatcher.DrainOnceAsync();
    }
}
