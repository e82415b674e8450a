using BillingFunctions.Adapters.Stripe;
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
    CustomerCommands customerCommands, TenantStripe stripe, TimeProvider time)
{
    private const string System = "system";

    public async Task<Tenant> TenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await tenants.GetAsync(new TenantId(tenantId), cancellationToken) ?? throw new InvalidOperationException($"Tenant {tenantId} is gone.");

    public async Task<CrmInvoiceCreated> CreateCrmInvoiceAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        var id = new InvoiceId(state.InvoiceId);
        if (await invoices.GetAsync(tenant, id, cancellationToken) is not null) return new CrmInvoiceCreated();
        var entry = await EntryAsync(tenant, state, cancellationToken);
        var now = time.GetUtcNow();
        var draft = Invoice.CreateDraft(new NewInvoice(id, entry.Customer, entry.Owner, entry.OwnerTeam, entry.Currency,
            CollectionMethod.ChargeAutomatically, null, null, [new NewInvoiceLine(state.Description, 1, state.AmountMinor, null)], ["month-end"]),
            now, tenant.Calendar.Today(now));
        if (!draft.IsSuccess) throw new InvalidOperationException($"Approved entry {state.EntryId} makes no valid invoice: {draft.Error!.Message}");
        var audit = new AuditEntry(now, System, "created", $"month-end {state.Period}: {state.AmountMinor} {state.Currency}", id, entry.Customer);
        // False: the invoice exists, written by this step before a crash.
        await invoices.CreateAsync(tenant, draft.Value.ToSnapshot(), audit, cancellationToken);
        return new CrmInvoiceCreated();
    }

    public async Task<InvoiceFinalized> FinalizeAsync(Tenant tenant, MonthEndInvoicingState state, CancellationToken cancellationToken)
    {
        var (draft, _) = await invoices.GetAsync(tenant, new InvoiceId(state.InvoiceId), cancellationToken)
            ?? throw new InvalidOperationException($"Invoice {state.InvoiceId} of {state.EntryId} is gone.");
        if (draft.StripeInvoiceId is { } linked && draft.Status != InvoiceStatus.Draft)
            return new InvoiceFinalized(linked, draft.Status.ToString().ToLowerInvariant());

        var (customer, _) = await customers.GetAsync(tenant.Id, draft.Customer, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {draft.Customer} of {state.EntryId} is gone.");
        customer = await customerCommands.EnsureInStripeAsync(SystemCaller(tenant), customer, cancellationToken);
        var finalized = await new StripeInvoiceDraft(stripe.For(tenant), tenant).CreateAndFinalizeAsync(draft, customer.StripeCustomerId!, cancellationToken);

        var now = time.GetUtcNow();
        var today = tenant.Calendar.Today(now);
        var outcome = await invoices.ChangeAsync(tenant, draft.Id, invoice =>
        {
            var changes = new List<InvoiceChange>();
            invoice.LinkToStripe(finalized.Id, finalized.Number, finalized.HostedInvoiceUrl);
            if (invoice.Status == InvoiceStatus.Draft)
            {
                var done = invoice.Finalize(now, today);
                if (!done.IsSuccess) return done.Error!;
                changes.Add(done.Value);
            }
            if (invoice.Apply(InvoiceStripeCommands.Observe(finalized, now)) is { } applied) changes.Add(applied);
            return changes;
        }, System, null, cancellationToken);
        if (outcome is ChangeOutcome.Rejected rejected) throw new InvalidOperationException(rejected.Error.Message);
        return new InvoiceFinalized(finalized.Id, finalized.Status ?? "open");
    }

    public async Task<InvoiceCharged> ChargeAsync(Tenant tenant, MonthEndInvoicingState state, string idempotencyKey, CancellationToken cancellationToken)
    {
        StripeInvoice answer;
        try
        {
            answer = await stripe.For(tenant).Invoices.PayAsync(state.StripeInvoiceId!, new InvoicePayRequest { OffSession = true },
                $"{tenant.Id}:{idempotencyKey}", cancellationToken);
        }
        catch (CardException declined)
        {
            return await NotChargedAsync(tenant, state, declined.DeclineCode ?? declined.Code ?? "card_declined", cancellationToken);
        }
        catch (InvalidRequestException refused)
        {
            // Paid meanwhile (on the hosted page), or nothing to charge it to (no default card): not a fault to retry.
            answer = await stripe.For(tenant).Invoices.RetrieveAsync(state.StripeInvoiceId!, cancellationToken);
            if (answer.Status != "paid") return await NotChargedAsync(tenant, state, refused.Code ?? "charge_refused", cancellationToken);
        }
        await invoices.ChangeAsync(tenant, new InvoiceId(state.InvoiceId), invoice =>
        {
            // Only when it moved: a repeated charge (same key, same answer) finds the invoice paid and writes nothing.
            List<InvoiceChange> changes = invoice.Apply(InvoiceStripeCommands.Observe(answer, time.GetUtcNow())) is { } applied
                ? [new("charged", $"in Stripe {answer.Id}"), applied] : [];
            return changes;
        }, System, null, cancellationToken);
        return new InvoiceCharged(answer.Status == "paid", null);
    }

    private async Task<InvoiceCharged> NotChargedAsync(Tenant tenant, MonthEndInvoicingState state, string code, CancellationToken cancellationToken)
    {
        await invoices.ChangeAsync(tenant, new InvoiceId(state.InvoiceId), _ => Result(new InvoiceChange("charge_failed", code)), System, null, cancellationToken);
        return new InvoiceCharged(false, code);
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
            var audit = new AuditEntry(time.GetUtcNow(), System, "month_end.invoiced", $"{state.Period} as {state.InvoiceId}", new InvoiceId(state.InvoiceId), customer);
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
    private static Caller SystemCaller(Tenant tenant) => new(new Actor(tenant.Id, new UserId(System), Role.Admin, null), tenant);

    private static Result<IReadOnlyList<InvoiceChange>> Result(params InvoiceChange[] changes) => changes;
}
