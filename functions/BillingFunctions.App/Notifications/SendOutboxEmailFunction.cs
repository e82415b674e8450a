using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// Queue function on <c>outbox</c>: sends one email per idempotency key (see <see cref="OutboxDispatcher"/>).
/// When another attempt holds the key or the server defers, the email goes back on the outbox for after the claim's
/// lease instead of failing the invocation: the host's retries (30 s apart, 5 at most) would poison the message
/// before a crashed attempt's lease ran out.
/// </summary>
public static class SendOutboxEmailFunction
{
    public static readonly QueueFunction Declaration = new("send-outbox-email", NotificationSettings.OutboxQueue, HandleAsync);

    private static async Task HandleAsync(string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var email = OutboxEmail.FromJson(message);
        var dispatcher = context.Services.GetRequiredService<OutboxDispatcher>();
        var outcome = await dispatcher.DeliverAsync(email, cancellationToken);
        context.Logger.LogInformation("Outbox email {IdempotencyKey} of tenant {TenantId}: {Outcome}", email.IdempotencyKey, email.TenantId, outcome);
        if (outcome is OutboxOutcome.Busy or OutboxOutcome.Deferred)
            await context.Services.GetRequiredService<EmailOutbox>().EnqueueAsync(email, dispatcher.Lease, cancellationToken);
    }
}
