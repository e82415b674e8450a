using System.Text.Json;
using BillingFunctions.Adapters.Dunning;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// The dunning process on the durable runtime: decisions from <see cref="DunningProcess"/>; charges and
/// uncollectible marks on Stripe, customer emails onto the outbox, rep notices onto the CRM timeline and the rep's
/// email, pausing or cancelling the subscription in the subscription store, each with the effect's idempotency key or
/// idempotent by nature. Without <c>reps</c> or <c>subscriptions</c> (tests of the bare runtime) those effects are only
/// recorded in the instance history (the step lists each effect with its key). Stripe and the outbox are made on first
/// use, so raising <c>invoice.paid</c> into no process works where Stripe is not configured. Each effect talks to the
/// tenant's own Stripe account (<see cref="DunningStripe"/>).
/// </summary>
public sealed class DunningDefinition(DunningStripe stripe, Lazy<DunningEmails> emails, Lazy<DunningRepNotices>? reps = null,
    Lazy<DunningSubscriptions>? subscriptions = null)
    : ProcessDefinition<DunningState, DunningEvent, DunningEffect>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(DunningEvent), [(typeof(PaymentFailed), "payment_failed"), (typeof(Wake), "wake"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(InvoiceVoided), "invoice_voided"), (typeof(InvoiceHeld), "invoice_held"), (typeof(CardUpdated), "card_updated")]),
        (typeof(DunningEffect), [(typeof(RetryCharge), "retry_charge"), (typeof(SendEmail), "send_email"), (typeof(NotifyRep), "notify_rep"),
            (typeof(MarkUncollectible), "mark_uncollectible"), (typeof(PauseSubscription), "pause_subscription"),
            (typeof(CancelSubscription), "cancel_subscription")]));

    public override string Name => "dunning";
    public override DunningEvent Woken { get; } = new Wake();
    public override JsonSerializerOptions Json => JsonOptions;

    public override Decision<DunningState, DunningEffect> Decide(DunningState state, DunningEvent @event, DateTimeOffset now)
    {
        var decision = DunningProcess.Decide(state, @event, now);
        return new(decision.State, decision.Effects, decision.NextWakeAt);
    }

    public override string Describe(DunningEffect effect) => effect switch
    {
        SendEmail email => $"SendEmail {email.Kind} {email.IdempotencyKey}",
        NotifyRep rep => $"NotifyRep {rep.Notice} {rep.IdempotencyKey}" + (reps is null ? " (recorded only)" : ""),
        PauseSubscription or CancelSubscription => $"{effect.GetType().Name} {effect.IdempotencyKey}"
            + (subscriptions is null ? " (recorded only)" : ""),
        _ => $"{effect.GetType().Name} {effect.IdempotencyKey}",
    };

    public override async Task<DunningEvent> PerformAsync(ProcessRuntime<DunningState, DunningEvent, DunningEffect> runtime, string tenant,
        DunningEffect effect, CancellationToken cancellationToken)
    {
        var invoiceId = InvoiceOf(effect);
        var client = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        switch (effect)
        {
            case RetryCharge charge:
                return await new StripeDunningActions(client).RetryChargeAsync(invoiceId, charge, cancellationToken).ConfigureAwait(false);
            case MarkUncollectible uncollectible:
                await new StripeDunningActions(client).MarkUncollectibleAsync(invoiceId, uncollectible, cancellationToken).ConfigureAwait(false);
                break;
            case SendEmail email:
                await emails.Value.EnqueueAsync(client, tenant, invoiceId, email, cancellationToken).ConfigureAwait(false);
                break;
            case NotifyRep notice when reps is not null:
                await reps.Value.NotifyAsync(client, tenant, invoiceId, notice, cancellationToken).ConfigureAwait(false);
                break;
            case PauseSubscription or CancelSubscription when subscriptions is not null:
                await subscriptions.Value.PerformAsync(client, tenant, invoiceId, effect, cancellationToken).ConfigureAwait(false);
                break;
        }
        // Effects other than a charge have no outcome to decide on; a wake only re-checks the timer, which is not due.
        return Woken;
    }

    /// <summary>Keys are "dunning:{invoice}:{step}:{kind}" (see DunningKeys); Stripe invoice ids hold no colon.</summary>
    private static string InvoiceOf(DunningEffect effect)
    {
        var parts = effect.IdempotencyKey.Split(':');
        return parts.Length >= 3 && parts[0] == "dunning"
            ? parts[1]
            : throw new InvalidOperationException($"Effect key {effect.IdempotencyKey} names no dunning invoice.");
    }
}
