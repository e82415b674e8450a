using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// The renewal process: decisions from <see cref="RenewalDecider"/>; the claim on the stored subscription through
/// <see cref="PeriodClaims"/>; the invoice as an ordinary CRM invoice, built, finalized and collected in the tenant's own
/// Stripe account through <see cref="RenewalInvoices"/>.
/// <see cref="AdvancePeriod"/> releases the subscription and starts the next period's renewal, whose deterministic
/// id makes that start happen once however often the step runs.
/// </summary>
public sealed class RenewalProcess(PeriodClaims claims, TenantDirectory tenants, RenewalInvoices invoices)
    : ProcessDefinition<RenewalState, RenewalEvent, RenewalEffect>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(RenewalEvent), [(typeof(RenewalWoken), "woken"), (typeof(PeriodClaimed), "period_claimed"),
            (typeof(NothingToClaim), "nothing_to_claim"), (typeof(ClaimDeferred), "claim_deferred"), (typeof(InvoiceCreated), "invoice_created"),
            (typeof(InvoiceFinalized), "invoice_finalized"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(PaymentFailed), "payment_failed"), (typeof(InvoiceSent), "invoice_sent"), (typeof(PeriodAdvanced), "period_advanced")]),
        (typeof(RenewalEffect), [(typeof(ClaimPeriod), "claim_period"), (typeof(CreateInvoice), "create_invoice"),
            (typeof(FinalizeInvoice), "finalize_invoice"), (typeof(PayInvoice), "pay_invoice"), (typeof(SendInvoice), "send_invoice"),
            (typeof(AdvancePeriod), "advance_period")]));

    public override string Name => "renewal";
    public override RenewalEvent Woken { get; } = new RenewalWoken();
    public override JsonSerializerOptions Json => JsonOptions;

    public override Decision<RenewalState, RenewalEffect> Decide(RenewalState state, RenewalEvent @event, DateTimeOffset now) =>
        RenewalDecider.Decide(state, @event, now);

    public override string Describe(RenewalEffect effect) => $"{effect.GetType().Name} {effect.IdempotencyKey}";

    public override async Task<RenewalEvent> PerformAsync(ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> runtime, string tenant,
        RenewalEffect effect, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        switch (effect)
        {
            case ClaimPeriod claim:
                return await claims.ClaimAsync(tenantId, claim, cancellationToken).ConfigureAwait(false);
            case AdvancePeriod advance:
                await claims.ReleaseAsync(tenantId, advance.Subscription, advance.InstanceId, cancellationToken).ConfigureAwait(false);
                if (advance.NextRenewalAt is { } next)
                {
                    var nextRenewal = RenewalState.Start(advance.Subscription, next);
                    // Already there (a repeat of this step, or the timer was first): wake it, it may be waiting for our release.
                    if (!await runtime.StartAsync(tenant, nextRenewal.InstanceId, nextRenewal, next, cancellationToken).ConfigureAwait(false))
                        await runtime.RaiseAsync(tenant, nextRenewal.InstanceId, $"released:{advance.InstanceId}", new RenewalWoken(),
                            cancellationToken).ConfigureAwait(false);
                }
                return new PeriodAdvanced();
        }

        var tenantRow = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new InvalidOperationException($"There is no tenant {tenant}.");
        return effect switch
        {
            CreateInvoice create => await invoices.CreateAsync(tenantRow, create, cancellationToken).ConfigureAwait(false),
            FinalizeInvoice finalize => await invoices.FinalizeAsync(tenantRow, finalize, cancellationToken).ConfigureAwait(false),
            PayInvoice pay => await invoices.PayAsync(tenantRow, pay, cancellationToken).ConfigureAwait(false),
            SendInvoice send => await invoices.SendAsync(tenantRow, send, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"No way to perform {effect.GetType().Name}."),
        };
    }
}
