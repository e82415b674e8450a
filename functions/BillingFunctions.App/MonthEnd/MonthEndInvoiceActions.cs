using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// The invoicing process's effects on the CRM's own invoice path: the invoice is an ordinary CRM invoice (its
/// projections, summary rows and audit written by <see cref="InvoiceStore"/>), finalized and charged in the tenant's
/// Stripe account. Every step first looks at what is already there, and every Stripe call carries a key derived from
/// the approval, so a step repeated after a crash finds its own earlier work instead of doing it again.
/// </summary>
public sealed class MonthEndInvoiceActions(TenantDirectory tenants, MonthEndStore entries, InvoiceStore invoices, CustomerStore customers,
    CustomerCommands customerCommands, SystemInvoices system, TimeProvider time)
{
    private const string System = SystemInvoices.Actor;

    public async Task<Tenant> TenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await tenants.GetAsync(new TenantId(tenantId), cancellationToken) ?? throw new InvalidOperationException($"Tenant {tenantId} is gone.");

    public async Task<CrmInvoiceCreated> CreateCrmInvoiceAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        var id = new InvoiceId(state.InvoiceId);
        if (await invoices.GetAsync(tenant, id, cancellationToken) is not null) return new CrmInvoiceCreated();
        var entry = await EntryAsync(tenant, state, cancellationToken);
        await system.CreateOnceAsync(tenant, new NewInvoice(id, entry.Customer, entry.Owner, entry.OwnerTeam, entry.Currency,
            CollectionMethod.ChargeAutomatically, null, null, [new NewInvoiceLine(state.Description, 1, state.AmountMinor, null)], ["month-end"]),
            $"month-end {state.Period}: {state.AmountMinor} {state.Currency}", cancellationToken);
        return new CrmInvoiceCreated();
    }

    public async Task<InvoiceFinalized> FinalizeAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        var (draft, _) = await invoices.GetAsync(tenant, new InvoiceId(state.InvoiceId), cancellationToken)
            ?? throw new InvalidOperationException($"Invoice {state.InvoiceId} of {state.EntryId} is gone.");
        var stripeCustomer = await StripeCustomerAsync(tenant, draft.Customer, cancellationToken);
        var finalized = await system.FinalizeAsync(tenant, draft.Id, stripeCustomer, null, cancellationToken);
        return new InvoiceFinalized(finalized.StripeInvoiceId, finalized.Status);
    }

    public async Task<InvoiceCharged> ChargeAsync(Tenant tenant, MonthEndInvoicingState state, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var charged = await system.ChargeAsync(tenant, new InvoiceId(state.InvoiceId), state.StripeInvoiceId!, $"{tenant.Id}:{idempotencyKey}",
            cancellationToken);
        return new InvoiceCharged(charged.Paid, charged.DeclineCode);
    }

    public async Task<EntryInvoiced> RecordInvoicedAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        BillingEntryRow.TryParseId(state.EntryId, out var customer, out var period);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (before, etag) = await entries.GetEntryAsync(tenant.Id, customer, period, cancellationToken)
                ?? throw new InvalidOperationException($"Entry {state.EntryId} is gone.");
            var entry = BillingEntry.Restore(before);
            var recorded = entry.RecordInvoiced(new InvoiceId(state.InvoiceId), time.GetUtcNow());
            if (!recorded.IsSuccess) throw new InvalidOperationException(recorded.Error!.Message);
            if (entry.Version == before.Version) return new EntryInvoiced();
            var audit = new AuditEntry(time.GetUtcNow(), System, "month_end.invoiced", $"{state.Period} as {state.InvoiceId}",
                new InvoiceId(state.InvoiceId), customer);
            if (await entries.TryWriteEntryAsync(tenant.Id, before, etag, entry.ToSnapshot(), audit, cancellationToken)) return new EntryInvoiced();
        }
        throw new InvalidOperationException($"Entry {state.EntryId} kept changing.");
    }

    public async Task<BillingEntrySnapshot> EntryAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        BillingEntryRow.TryParseId(state.EntryId, out var customer, out var period);
        return (await entries.GetEntryAsync(tenant.Id, customer, period, cancellationToken))?.Entry
            ?? throw new InvalidOperationException($"Entry {state.EntryId} is gone.");
    }

    public async Task<InvoiceSnapshot> InvoiceAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken) =>
        (await invoices.GetAsync(tenant, new InvoiceId(state.InvoiceId), cancellationToken))?.Invoice
            ?? throw new InvalidOperationException($"Invoice {state.InvoiceId} is gone.");

    /// <summary>The process acts for nobody in particular; audit rows name it "system".</summary>
    private static Caller SystemCaller(Tenant tenant) => new(tenant, new DirectoryUser(new UserId(System), Role.Admin, null, null));

    private async Task<string> StripeCustomerAsync(Tenant tenant, CustomerId id, CancellationToken cancellationToken)
    {
        var (customer, _) = await customers.GetAsync(tenant.Id, id, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {id} is gone.");
        return (await customerCommands.EnsureInStripeAsync(SystemCaller(tenant), customer, cancellationToken)).StripeCustomerId!;
    }
}
