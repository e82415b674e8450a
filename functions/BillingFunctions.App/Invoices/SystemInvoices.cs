using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using Stripe;
using Invoice = BillingFunctions.Domain.Invoices.Invoice;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Invoices the app makes by itself (month-end approvals, subscription renewals) on the CRM's own invoice path: an
/// ordinary CRM invoice (projections, summary rows, audit by <see cref="InvoiceStore"/>), built and finalized in the
/// tenant's Stripe account by <see cref="StripeInvoiceDraft"/>, then charged or sent. Each step first looks at what is
/// there and every Stripe call carries a key derived from the invoice or the caller, so a step repeated after a crash
/// finds its earlier work instead of doing it again.
/// </summary>
public class SystemInvoices(InvoiceStore invoices, TenantStripe stripe, TimeProvider time)
{
    /// <summary>Audit rows of these invoices name no person.</summary>
    public const string Actor = "system";

    private const int MaxCreateAttempts = 25;

    public sealed record Finalized(string StripeInvoiceId, string Status);

    public sealed record Charged(bool Paid, string? DeclineCode);

    /// <summary>Writes the draft unless an invoice with its id is there already (written by an earlier attempt).</summary>
    public virtual async Task CreateOnceAsync(Tenant tenant, NewInvoice request, string auditDetail, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxCreateAttempts; attempt++)
        {
            if (await invoices.GetAsync(tenant, request.Id, cancellationToken) is not null) return;
            var now = time.GetUtcNow();
            var draft = Invoice.CreateDraft(request, now, tenant.Calendar.Today(now));
            if (!draft.IsSuccess) throw new InvalidOperationException($"Invoice {request.Id} is not valid: {draft.Error!.Message}");
            var audit = new AuditEntry(now, Actor, "created", auditDetail, request.Id, request.Customer);
            // False when the invoice exists (a concurrent attempt) or when a summary row it adds to moved: look again.
            if (await invoices.CreateAsync(tenant, draft.Value.ToSnapshot(), audit, cancellationToken)) return;
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"Invoice {request.Id} could not be written; its summary rows kept changing.");
    }

    /// <summary>Builds and finalizes the draft in Stripe and links it; an invoice already linked and finalized is returned as it is.</summary>
    public virtual async Task<Finalized> FinalizeAsync(Tenant tenant, InvoiceId id, string stripeCustomerId,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var (draft, _) = await invoices.GetAsync(tenant, id, cancellationToken) ?? throw new InvalidOperationException($"Invoice {id} is gone.");
        if (draft.StripeInvoiceId is { } linked && draft.Status != InvoiceStatus.Draft)
            return new Finalized(linked, draft.Status.ToString().ToLowerInvariant());

        var finalized = await new StripeInvoiceDraft(stripe.For(tenant), tenant)
            .CreateAndFinalizeAsync(draft, stripeCustomerId, metadata, cancellationToken);
        var now = time.GetUtcNow();
        var today = tenant.Calendar.Today(now);
        var outcome = await invoices.ChangeAsync(tenant, id, invoice =>
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
        }, Actor, null, cancellationToken);
        if (outcome is ChangeOutcome.Rejected rejected) throw new InvalidOperationException(rejected.Error.Message);
        return new Finalized(finalized.Id, finalized.Status ?? "open");
    }

    /// <summary>Charges the customer's default payment method off session; a decline is recorded on the invoice, not thrown.</summary>
    public virtual async Task<Charged> ChargeAsync(Tenant tenant, InvoiceId id, string stripeInvoiceId, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var account = stripe.For(tenant);
        Stripe.Invoice answer;
        try
        {
            answer = await account.V1.Invoices.PayAsync(stripeInvoiceId, new InvoicePayOptions { OffSession = true }, account.Write(idempotencyKey),
                cancellationToken);
        }
        catch (StripeException declined) when (declined.IsCardError())
        {
            return await NotChargedAsync(tenant, id, declined.DeclineCode() ?? "card_declined", cancellationToken);
        }
        catch (StripeException refused) when (refused.IsInvalidRequest())
        {
            // Paid meanwhile (on the hosted page), or nothing to charge it to (no default card): not a fault to retry.
            answer = await account.V1.Invoices.GetAsync(stripeInvoiceId, null, account.Read(), cancellationToken);
            if (answer.Status != "paid") return await NotChargedAsync(tenant, id, refused.Code() ?? "charge_refused", cancellationToken);
        }
        await ObserveAsync(tenant, id, answer, "charged", cancellationToken);
        return new Charged(answer.Status == "paid", null);
    }

    /// <summary>Emails the finalized invoice to the customer through Stripe.</summary>
    public virtual async Task SendAsync(Tenant tenant, InvoiceId id, string stripeInvoiceId, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var account = stripe.For(tenant);
        var sent = await account.V1.Invoices.SendInvoiceAsync(stripeInvoiceId, null, account.Write(idempotencyKey), cancellationToken);
        await ObserveAsync(tenant, id, sent, "sent", cancellationToken);
    }

    private async Task<Charged> NotChargedAsync(Tenant tenant, InvoiceId id, string code, CancellationToken cancellationToken)
    {
        await invoices.ChangeAsync(tenant, id, _ => Changes(new InvoiceChange("charge_failed", code)), Actor, null, cancellationToken);
        return new Charged(false, code);
    }

    private Task ObserveAsync(Tenant tenant, InvoiceId id, Stripe.Invoice answer, string action, CancellationToken cancellationToken) =>
        invoices.ChangeAsync(tenant, id, invoice =>
        {
            // Only when it moved: a repeated call (same key, same answer) finds the invoice as it left it and writes nothing.
            List<InvoiceChange> changes = invoice.Apply(InvoiceStripeCommands.Observe(answer, time.GetUtcNow())) is { } applied
                ? [new(action, $"in Stripe {answer.Id}"), applied] : [];
            return changes;
        }, Actor, null, cancellationToken);

    private static Result<IReadOnlyList<InvoiceChange>> Changes(params InvoiceChange[] changes) => changes;
}
