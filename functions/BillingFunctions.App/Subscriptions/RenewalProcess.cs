using System.Text.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// The renewal process: decisions from <see cref="RenewalDecider"/>, effects performed on Stripe with the keys
/// the decision derived. <see cref="AdvancePeriod"/> starts the next period's renewal, whose deterministic id
/// makes that start happen once however often the step runs.
/// </summary>
public sealed class RenewalProcess(StripeClient stripe) : ProcessDefinition<RenewalState, RenewalEvent, RenewalEffect>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(RenewalEvent), [(typeof(RenewalWoken), "woken"), (typeof(InvoiceCreated), "invoice_created"),
            (typeof(InvoiceFinalized), "invoice_finalized"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(PaymentFailed), "payment_failed"), (typeof(InvoiceSent), "invoice_sent"), (typeof(PeriodAdvanced), "period_advanced")]),
        (typeof(RenewalEffect), [(typeof(CreateInvoice), "create_invoice"), (typeof(FinalizeInvoice), "finalize_invoice"),
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
        switch (effect)
        {
            case CreateInvoice create:
                return new InvoiceCreated(await CreateInvoiceAsync(create, cancellationToken).ConfigureAwait(false));
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
            case AdvancePeriod advance:
                if (advance.NextRenewalAt is { } next)
                {
                    var nextRenewal = RenewalState.Start(advance.Renewed, advance.StripeCustomer);
                    await runtime.StartAsync(tenant, nextRenewal.InstanceId, nextRenewal, next, cancellationToken).ConfigureAwait(false);
                }
                return new PeriodAdvanced();
            default:
                throw new InvalidOperationException($"No way to perform {effect.GetType().Name}.");
        }
    }

    private async Task<string> CreateInvoiceAsync(CreateInvoice create, CancellationToken cancellationToken)
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
