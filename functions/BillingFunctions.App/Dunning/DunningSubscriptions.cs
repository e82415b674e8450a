using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// The final step's subscription effects: pause or cancel the subscription the failed invoice renewed (renewal
/// invoices name it in Stripe metadata <c>subscription</c>). Both are idempotent: a subscription already paused or
/// canceled is left as it is, so a step repeated after a crash changes it once. Invoices of no subscription are skipped.
/// </summary>
public sealed class DunningSubscriptions(SubscriptionStore store, TimeProvider time, ILogger<DunningSubscriptions> logger)
{
    public const string SubscriptionMetadata = "subscription";

    public async Task PerformAsync(StripeAccount stripe, string tenant, string stripeInvoiceId, DunningEffect effect,
        CancellationToken cancellationToken)
    {
        var invoice = await stripe.V1.Invoices.GetAsync(stripeInvoiceId, null, stripe.Read(), cancellationToken).ConfigureAwait(false);
        if (invoice.Metadata?.GetValueOrDefault(SubscriptionMetadata) is not { Length: > 0 } id)
        {
            logger.LogInformation("{Effect} for invoice {StripeInvoiceId} skipped: the invoice renews no subscription",
                effect.GetType().Name, stripeInvoiceId);
            return;
        }
        var (tenantId, subscription, now) = (new TenantId(tenant), new SubscriptionId(id), time.GetUtcNow());
        var changed = effect switch
        {
            PauseSubscription => await store.PauseAsync(tenantId, subscription, now, cancellationToken).ConfigureAwait(false),
            CancelSubscription => await store.ChangeAsync(tenantId, subscription, "dunning", "subscription.canceled", s =>
                s.Status is SubscriptionStatus.Canceled ? DomainError.IllegalTransition("The subscription is canceled already.")
                : s.CancelNow(now) is { IsSuccess: false } refused ? refused.Error! : "canceled: every attempt to collect a renewal failed",
                cancellationToken).ConfigureAwait(false) is { IsSuccess: true },
            _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a subscription effect."),
        };
        logger.LogInformation("{Effect} of subscription {SubscriptionId} (tenant {TenantId}) after dunning invoice {StripeInvoiceId}: {Outcome}",
            effect.GetType().Name, id, tenant, stripeInvoiceId, changed ? "done" : "already so, or not found");
    }
}
