using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Tenancy;
using Microsoft.DurableTask.Client;
using Stripe;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Feeds Stripe invoice events to dunning: <c>invoice.payment_failed</c> starts the invoice's orchestration (its id is
/// <c>dunning:{invoice}</c>, so a second start finds it) with the failure as its first event, or raises it into the one
/// that runs; <c>invoice.paid</c> and <c>invoice.voided</c> are raised into a running one. An instance takes each event
/// id once, so redelivery is harmless.
/// </summary>
/// <remarks>
/// A new process takes the tenant's policy as it is now (<see cref="DunningSettingsStore"/>) and is indexed under its
/// customer (<see cref="DunningCustomerIndex"/>), so a new card can find it. An invoice the CRM has on hold is not
/// chased (<see cref="DunningHolds"/>). Stripe is needed only to read a decline,
/// so it is made on first use: events that start no dunning work without it.
/// </remarks>
public sealed class DunningStripeEvents(DunningStripe stripe,
    DunningSettingsStore settings, DunningCustomerIndex customers, DunningHolds holds, TimeProvider time, ILogger logger) : IStripeEventHandler
{
    public async Task ApplyAsync(string tenant, Event stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Type is not ("invoice.payment_failed" or "invoice.paid" or "invoice.voided")) return;
        if (stripeEvent.Data?.Object is not Invoice { Id.Length: > 0 } invoice) return;
        var instanceId = DunningState.InstanceIdFor(invoice.Id);

        var now = time.GetUtcNow();
        if (stripeEvent.Type != "invoice.payment_failed")
        {
            DunningEvent closed = stripeEvent.Type == "invoice.paid" ? new InvoicePaid() : new InvoiceVoided();
            await ProcessInstances.RaiseAsync(durable, DunningKind.Instance, tenant, instanceId, stripeEvent.Id, closed, now, cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        // Checked before the start only: once a process runs, putting the invoice on hold stops it.
        if (!await ProcessInstances.ExistsAsync(durable, tenant, instanceId, cancellationToken).ConfigureAwait(false)
            && await holds.IsOnHoldAsync(tenant, invoice, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Invoice {StripeInvoiceId} of tenant {TenantId} failed while on hold: no dunning", invoice.Id, tenant);
            return;
        }
        var (policy, _, _) = await settings.GetAsync(new TenantId(tenant), cancellationToken).ConfigureAwait(false);
        var initial = DunningState.New(invoice.Id, policy);
        // Indexed first: a crash before the start repeats both on the next delivery, so no process goes unindexed.
        if (invoice.CustomerId is { Length: > 0 } customer)
            await customers.AddAsync(tenant, customer, invoice.Id, cancellationToken).ConfigureAwait(false);
        var failed = new PaymentFailed(await DeclineCodeAsync(tenant, invoice.Id, cancellationToken).ConfigureAwait(false));
        // It decides on the failure at once; the first wake-up only matters if it never does.
        await ProcessInstances.StartWithAsync(durable, DunningKind.Instance, tenant, instanceId, initial, now + initial.Policy.Window,
            stripeEvent.Id, failed, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The invoice does not carry the decline; the payment that failed does: the invoice's payments lead to its payment
    /// intent, whose <c>last_payment_error</c> holds the issuer's <c>decline_code</c> (or Stripe's <c>code</c>). Null (a
    /// soft decline) when no payment intent recorded an error.
    /// </summary>
    private async Task<string?> DeclineCodeAsync(string tenant, string invoiceId, CancellationToken cancellationToken)
    {
        var client = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        var invoice = await client.V1.Invoices.GetAsync(invoiceId, new InvoiceGetOptions { Expand = ["payments.data.payment.payment_intent"] },
            client.Read(), cancellationToken).ConfigureAwait(false);
        var payment = invoice.Payments?.Data
            .Where(p => p.Payment?.PaymentIntentId is { Length: > 0 })
            .OrderByDescending(p => p.IsDefault).ThenByDescending(p => p.Created)
            .FirstOrDefault();
        if (payment is null) return null;
        var intent = payment.Payment.PaymentIntent
            ?? await client.V1.PaymentIntents.GetAsync(payment.Payment.PaymentIntentId, null, client.Read(), cancellationToken).ConfigureAwait(false);
        return intent.LastPaymentError is { } error ? error.DeclineCode ?? error.Code : null;
    }
}
