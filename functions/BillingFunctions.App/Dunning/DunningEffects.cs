using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// What a dunning decision does, each on the tenant's own Stripe account (<see cref="DunningStripe"/>) and under the
/// effect's idempotency key, or idempotent by nature: charges and uncollectible marks on Stripe, customer emails onto
/// the outbox, rep notices onto the CRM timeline and the rep's email, pausing or cancelling the subscription.
/// </summary>
public sealed class DunningEffects(DunningStripe stripe, DunningEmails emails, DunningRepNotices reps, DunningSubscriptions subscriptions)
{
    /// <summary>Performs one effect and returns its outcome, which the process decides on next.</summary>
    public async Task<DunningEvent> PerformAsync(string tenant, DunningEffect effect, CancellationToken cancellationToken)
    {
        var invoiceId = DunningKind.InvoiceOf(effect);
        var client = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        switch (effect)
        {
            case RetryCharge charge:
                return await new StripeDunningActions(client).RetryChargeAsync(invoiceId, charge, cancellationToken).ConfigureAwait(false);
            case MarkUncollectible uncollectible:
                await new StripeDunningActions(client).MarkUncollectibleAsync(invoiceId, uncollectible, cancellationToken).ConfigureAwait(false);
                break;
            case SendEmail email:
                await emails.EnqueueAsync(client, tenant, invoiceId, email, cancellationToken).ConfigureAwait(false);
                break;
            case NotifyRep notice:
                await reps.NotifyAsync(client, tenant, invoiceId, notice, cancellationToken).ConfigureAwait(false);
                break;
            case PauseSubscription or CancelSubscription:
                await subscriptions.PerformAsync(client, tenant, invoiceId, effect, cancellationToken).ConfigureAwait(false);
                break;
        }
        // Effects other than a charge have no outcome to decide on; a wake only re-checks the timer, which is not due.
        return DunningKind.Instance.Woken;
    }
}
