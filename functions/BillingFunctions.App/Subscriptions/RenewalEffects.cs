using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Tenancy;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// A renewal's effects: the claim on the stored subscription through <see cref="PeriodClaims"/>; the invoice as an
/// ordinary CRM invoice, built, finalized and collected in the tenant's own Stripe account through
/// <see cref="RenewalInvoices"/>. <see cref="AdvancePeriod"/> releases the subscription and starts the next period's
/// renewal, whose deterministic id makes that start happen once however often the effect runs.
/// </summary>
public class RenewalEffects(PeriodClaims claims, TenantDirectory tenants, RenewalInvoices invoices, TimeProvider time)
{
    public virtual async Task<RenewalEvent> PerformAsync(DurableTaskClient durable, string tenant, RenewalEffect effect,
        CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        switch (effect)
        {
            case ClaimPeriod claim:
                return await claims.ClaimAsync(tenantId, claim, cancellationToken).ConfigureAwait(false);
            case AdvancePeriod advance:
                await claims.ReleaseAsync(tenantId, advance.Subscription, advance.InstanceId, cancellationToken).ConfigureAwait(false);
                if (advance.NextRenewalAt is { } next)
                    await StartNextAsync(durable, tenant, advance, next, cancellationToken).ConfigureAwait(false);
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

    private async Task StartNextAsync(DurableTaskClient durable, string tenant, AdvancePeriod advance, DateTimeOffset next,
        CancellationToken cancellationToken)
    {
        var nextRenewal = RenewalState.Start(advance.Subscription, next);
        var now = time.GetUtcNow();
        // Already there (a repeat of this effect, or the timer was first): wake it, it may be waiting for our release.
        if (!await ProcessInstances.StartAsync(durable, RenewalKind.Instance, tenant, nextRenewal.InstanceId, nextRenewal, next, now,
                cancellationToken).ConfigureAwait(false))
            await ProcessInstances.RaiseAsync(durable, RenewalKind.Instance, tenant, nextRenewal.InstanceId, $"released:{advance.InstanceId}",
                RenewalKind.Instance.Woken, now, cancellationToken).ConfigureAwait(false);
    }
}
