using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// Queue function on <c>outbox</c>: sends one email per idempotency key (see <see cref="OutboxDispatcher"/>).
/// When another attempt holds the key or the server defers, it throws so the message comes back later; after
/// maxDequeueCount tries it lands in <c>outbox-poison</c>.
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
            throw new OutboxNotFinishedException(email.IdempotencyKey, outcome);
    }
}

/// <summary>Fails the invocation on purpose so the queue delivers the message again later.</summary>
public sealed class OutboxNotFinishedException(string key, OutboxOutcome outcome)
    : Exception($"Outbox email {key} is not finished ({outcome}); it will be retried.");
