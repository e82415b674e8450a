using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Renewals;

/// <summary>What a renewal reacts to: its timer, the outcome of its own effects, and Stripe's word.</summary>
public abstract record RenewalEvent;
public sealed record RenewalWoken : RenewalEvent;

/// <summary>
/// The period is this renewal's: the stored subscription moved into it, in the same transaction as a record of
/// these lines, so a plan change made before the claim is billed here and one made after it waits for the next period.
/// </summary>
public sealed record PeriodClaimed(string StripeCustomer, RenewalInvoice Invoice, CollectionMethod Collection, int? DaysUntilDue,
    Currency Currency, DateTimeOffset? NextRenewalAt) : RenewalEvent;

/// <summary>The subscription has nothing for this period (canceled, gone, or the period was billed otherwise).</summary>
public sealed record NothingToClaim(string Reason) : RenewalEvent;

/// <summary>Another renewal still holds the subscription's previous period; periods are billed in order, so wait.</summary>
public sealed record ClaimDeferred(string HeldBy) : RenewalEvent;

public sealed record InvoiceCreated(string InvoiceId) : RenewalEvent;
/// <summary>Finalized; a zero or credit invoice is <c>paid</c> at once.</summary>
public sealed record InvoiceFinalized(string InvoiceId, string Status) : RenewalEvent;
/// <summary>Paid: by our own pay call, or <c>invoice.paid</c> from a webhook.</summary>
public sealed record InvoicePaid(string InvoiceId) : RenewalEvent;
public sealed record PaymentFailed(string InvoiceId, string DeclineCode) : RenewalEvent;
public sealed record InvoiceSent(string InvoiceId) : RenewalEvent;
public sealed record PeriodAdvanced : RenewalEvent;

/// <summary>A side effect of a renewal; the key makes performing it twice the same as once.</summary>
public abstract record RenewalEffect(string IdempotencyKey);

/// <summary>Renews the stored subscription into the period starting at <see cref="PeriodStart"/>, once per instance.</summary>
public sealed record ClaimPeriod(string IdempotencyKey, string InstanceId, SubscriptionId Subscription, DateTimeOffset PeriodStart)
    : RenewalEffect(IdempotencyKey);

public sealed record CreateInvoice(string IdempotencyKey, string StripeCustomer, SubscriptionId Subscription,
    CollectionMethod Collection, int? DaysUntilDue, Currency Currency, BillingPeriod Period,
    IReadOnlyList<BillingLine> Lines) : RenewalEffect(IdempotencyKey);

public sealed record FinalizeInvoice(string IdempotencyKey, string InvoiceId) : RenewalEffect(IdempotencyKey);
public sealed record PayInvoice(string IdempotencyKey, string InvoiceId) : RenewalEffect(IdempotencyKey);
public sealed record SendInvoice(string IdempotencyKey, string InvoiceId) : RenewalEffect(IdempotencyKey);

/// <summary>
/// Releases the subscription's period and starts the renewal of its next one (<see cref="NextRenewalAt"/>, none once
/// canceled), so periods missed during downtime are billed one after another, in order.
/// </summary>
public sealed record AdvancePeriod(string IdempotencyKey, string InstanceId, SubscriptionId Subscription, DateTimeOffset? NextRenewalAt)
    : RenewalEffect(IdempotencyKey);
