using System.Text.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// The renewal process: decisions from <see cref="RenewalDecider"/>; the claim on the stored subscription through
/// <see cref="PeriodClaims"/>; effects on the tenant's own Stripe account with the keys the decision derived.
/// <see cref="AdvancePeriod"/> releases the subscription and starts the next period's renewal, whose deterministic
/// id makes that start happen once however often the step runs.
/// </summary>
public sealed class RenewalProcess(PeriodClaims claims, TenantDirectory tenants, TenantStripe tenantStripe)
    : ProcessDefinition<RenewalState, RenewalEvent, RenewalEffect>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(RenewalEvent), [(typeof(RenewalWoken), "woken"), (typeof(PeriodClaimed), "period_claimed"),
            (typeof(NothingToClaim), "nothing_to_claim"), (typeof(ClaimDeferred), "claim_deferred"), (typeof(InvoiceCreated), "invoice_created"),
            (typeof(InvoiceFinalized), "invoice_finalized"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(PaymentFailed), "payment_failed"), (typeof(InvoiceSent), "invoice_sent"), (typeof(PeriodAdvanced), "period_advanced")]),
        (typeof(RenewalEffect), [(typeof(ClaimPeriod), "claim_period"), (typeof(CreateInvoice), "create_invoice"), (typeof(FinalizeInvoice), "finalize_invoice"),
            (typeof(PayInvoice), "pay_invoice"), (typeof(SendInvoice), "send_invoice"), (typeof(AdvancePeriod), "advance_period")]));

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
                        await runtime.RaiseAsync(tenant, nextRenewal.InstanceId, $"released:{advance.InstanceId}", new RenewalWoken(), cancellationToken).ConfigureAwait(false);
                }
                return new PeriodAdvanced();
        }

        var stripe = await StripeAsync(tenantId, cancellationToken).ConfigureAwait(false);
        switch (effect)
        {
            case CreateInvoice create:
                return new InvoiceCreated(await CreateInvoiceAsync(stripe, create, cancellationToken).ConfigureAwait(false));
            case FinalizeInvoice finalize:
                var finalized = await stripe.Invoices.FinalizeAsync(finalize.InvoiceId, new InvoiceFinalizeRequest { AutoAdvance = false },
                    finalize.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                return new InvoiceFinalized(finalized.Id, finalized.Status ?? "open");
            case PayInvoice pay:
                try
                {
                    var paid = await stripe.Invoices.PayAsync(pay.InvoiceId, new InvoicePayRequest { OffSession = true }, pay.IdempotencyKey,
                        cancellationToken).ConfigureAwait(false);
                    return new InvoicePaid(paid.Id);
                }
                catch (CardException declined)
                {
                    return new PaymentFailed(pay.InvoiceId, declined.DeclineCode ?? declined.Error.Code ?? "card_declined");
                }
            case SendInvoice send:
                var sent = await stripe.Invoices.SendAsync(send.InvoiceId, send.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                return new InvoiceSent(sent.Id);
            default:
                throw new InvalidOperationException($"No way to perform {effect.GetType().Name}.");
        }
    }

    private async Task<StripeClient> StripeAsync(TenantId tenant, CancellationToken cancellationToken) =>
        tenantStripe.For(await tenants.GetAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no tenant {tenant}."));

    private static async Task<string> CreateInvoiceAsync(StripeClient stripe, CreateInvoice create, CancellationToken cancellationToken)
    {
        var invoice = await stripe.Invoices.CreateAsync(new InvoiceCreateRequest
        {
            Customer = create.StripeCustomer,
            CollectionMethod = create.Collection == CollectionMethod.SendInvoice ? "send_invoice" : "charge_automatically",
            DaysUntilDue = create.DaysUntilDue,
            AutoAdvance = false,
            PendingInvoiceItemsBehavior = "exclude",
            Currency = create.Currency.Code,
            Description = $"Subscription {create.Subscription}, {create.Period}",
            Metadata = new Dictionary<string, string>
            {
                ["subscription"] = create.Subscription.Value,
                ["period_start"] = create.Period.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        }, create.IdempotencyKey, cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < create.Lines.Count; i++)
        {
            var line = create.Lines[i];
            await stripe.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
            {
                Customer = create.StripeCustomer, Invoice = invoice.Id, Amount = line.Amount.Minor, Currency = line.Amount.Currency.Code,
                Description = line.Description, Period = new StripePeriod { Start = line.Period.Start, End = line.Period.End },
            }, $"{create.IdempotencyKey}:line:{i}", cancellationToken).ConfigureAwait(false);
        }
        return invoice.Id;
    }
}
