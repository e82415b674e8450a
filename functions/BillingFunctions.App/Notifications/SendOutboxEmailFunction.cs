using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// Queue function on <c>outbox</c>: sends one email per idempotency key (see <see cref="OutboxDispatcher"/>).
/// When another attempt holds the key or the server defers, the email goes back on the outbox for after the claim's
/// lease instead of failing the invocation: the host's retries (30 s apart, 5 at most) would poison the message
/// before a crashed attempt's lease ran out.
/// </summary>
public static class SendOutboxEmailFunction
{
    [Function("send-outbox-email")]
    public static Task RunAsync(
        [QueueTrigger(NotificationSettings.OutboxQueue, Connection = AppSettings.StorageConnectionSetting)] string message, FunctionContext context,
        CancellationToken cancellationToken) =>
        SendAsync(message, context.InstanceServices, context.GetLogger(nameof(SendOutboxEmailFunction)), cancellationToken);

    public static async Task SendAsync(string message, IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var email = OutboxEmail.FromJson(message);
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var outcome = await dispatcher.DeliverAsync(email, cancellationToken);
        logger.LogInformation("Outbox email {IdempotencyKey} of tenant {TenantId}: {Outcome}", email.IdempotencyKey, email.TenantId, outcome);
        if (outcome is OutboxOutcome.Busy or OutboxOutcome.Deferred)
            await services.GetRequiredService<EmailOutbox>().EnqueueAsync(email, dispatcher.Lease, cancellationToken);
    }
}
