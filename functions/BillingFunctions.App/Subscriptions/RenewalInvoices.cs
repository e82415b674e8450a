using System.Globalization;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// A renewal's invoice is an ordinary CRM invoice (listed, summed on dashboards, dunned like any other), made on
/// the app's own invoice path, <see cref="SystemInvoices"/>; its id is fixed by subscription and period.
/// </summary>
public class RenewalInvoices(SystemInvoices invoices, SubscriptionStore subscriptions, CustomerStore customers)
{
    public const string Label = "subscription";

    public virtual async Task<RenewalEvent> CreateAsync(Tenant tenant, CreateInvoice create, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(tenant.Id, create.Subscription, cancellationToken)
            ?? throw new InvalidOperationException($"Subscription {create.Subscription} is gone.");
        var (customer, _) = await customers.GetAsync(tenant.Id, subscription.Subscription.Customer, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {subscription.Subscription.Customer} of subscription {create.Subscription} is gone.");
        var total = create.Lines.Sum(l => l.Amount.Minor);
        await invoices.CreateOnceAsync(tenant, Draft(create, customer),
            $"subscription {create.Subscription}, {create.Period}: {total} {create.Currency}", cancellationToken);
        return new InvoiceCreated(create.InvoiceId);
    }

    public virtual async Task<RenewalEvent> FinalizeAsync(Tenant tenant, FinalizeInvoice finalize, CancellationToken cancellationToken)
    {
        var finalized = await invoices.FinalizeAsync(tenant, new InvoiceId(finalize.InvoiceId), finalize.StripeCustomer,
            Metadata(finalize), cancellationToken);
        return new InvoiceFinalized(finalized.StripeInvoiceId, finalized.Status);
    }

    public virtual async Task<RenewalEvent> PayAsync(Tenant tenant, PayInvoice pay, CancellationToken cancellationToken)
    {
        var charged = await invoices.ChargeAsync(tenant, new InvoiceId(pay.InvoiceId), pay.StripeInvoiceId, pay.IdempotencyKey, cancellationToken);
        return charged.DeclineCode is { } code ? new PaymentFailed(pay.StripeInvoiceId, code) : new InvoicePaid(pay.StripeInvoiceId);
    }

    public virtual async Task<RenewalEvent> SendAsync(Tenant tenant, SendInvoice send, CancellationToken cancellationToken)
    {
        await invoices.SendAsync(tenant, new InvoiceId(send.InvoiceId), send.StripeInvoiceId, send.IdempotencyKey, cancellationToken);
        return new InvoiceSent(send.StripeInvoiceId);
    }

    /// <summary>
    /// The CRM draft: one line per billing line (a proration credit stays its own negative line), owned by the
    /// customer's rep and team, collected as the subscription says.
    /// </summary>
    public static NewInvoice Draft(CreateInvoice create, CustomerSnapshot customer) =>
        new(new InvoiceId(create.InvoiceId), customer.Id, customer.Owner, customer.OwnerTeam, create.Currency, create.Collection, null,
            create.Collection == CollectionMethod.SendInvoice ? create.DaysUntilDue : null,
            create.Lines.Select(l => new NewInvoiceLine(l.Description, 1, l.Amount.Minor, null) { MayBeCredit = l.Amount.Minor < 0 }).ToList(),
            [Label]);

    /// <summary>What routes the Stripe invoice's <c>invoice.paid</c> to the renewal (see <see cref="RenewalStripeEvents"/>).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(FinalizeInvoice finalize) => new Dictionary<string, string>
    {
        ["subscription"] = finalize.Subscription.Value,
        ["period_start"] = finalize.PeriodStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };
}
