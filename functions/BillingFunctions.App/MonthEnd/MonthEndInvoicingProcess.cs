using System.Text.Json;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end invoicing on the durable runtime: decisions from <see cref="MonthEndInvoicingDecider"/>, effects by
/// <see cref="MonthEndInvoiceActions"/> and the email outbox (which sends one email per key however often the step
/// repeats). Dependencies are made on first use, so the app starts before storage or Stripe is configured.
/// </summary>
public sealed class MonthEndInvoicingProcess(Lazy<MonthEndInvoiceActions> actions, Lazy<EmailOutbox> outbox,
    CustomerEmailComposer composer, EmailAddress from)
    : ProcessDefinition<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(MonthEndInvoicingEvent), [(typeof(MonthEndWoken), "woken"), (typeof(CrmInvoiceCreated), "crm_invoice_created"),
            (typeof(InvoiceFinalized), "invoice_finalized"), (typeof(InvoiceCharged), "invoice_charged"), (typeof(EntryInvoiced), "entry_invoiced"),
            (typeof(InvoiceEmailQueued), "invoice_email_queued")]),
        (typeof(MonthEndInvoicingEffect), [(typeof(CreateCrmInvoice), "create_crm_invoice"), (typeof(FinalizeInStripe), "finalize_in_stripe"),
            (typeof(ChargeDefaultCard), "charge_default_card"), (typeof(RecordEntryInvoiced), "record_entry_invoiced"),
            (typeof(QueueInvoiceEmail), "queue_invoice_email")]));

    public override string Name => "month-end-invoicing";
    public override MonthEndInvoicingEvent Woken { get; } = new MonthEndWoken();
    public override JsonSerializerOptions Json => JsonOptions;

    public override Decision<MonthEndInvoicingState, MonthEndInvoicingEffect> Decide(MonthEndInvoicingState state, MonthEndInvoicingEvent @event,
        DateTimeOffset now) => MonthEndInvoicingDecider.Decide(state, @event, now);

    public override string Describe(MonthEndInvoicingEffect effect) => $"{effect.GetType().Name} {effect.IdempotencyKey}";

    public override async Task<MonthEndInvoicingEvent> PerformAsync(
        ProcessRuntime<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect> runtime, string tenant,
        MonthEndInvoicingEffect effect, CancellationToken cancellationToken)
    {
        var run = actions.Value;
        var owner = await run.TenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        var state = effect.Process;
        return effect switch
        {
            CreateCrmInvoice => await run.CreateCrmInvoiceAsync(owner, state, cancellationToken).ConfigureAwait(false),
            FinalizeInStripe => await run.FinalizeAsync(owner, state, cancellationToken).ConfigureAwait(false),
            ChargeDefaultCard pay => await run.ChargeAsync(owner, state, pay.IdempotencyKey, cancellationToken).ConfigureAwait(false),
            RecordEntryInvoiced => await run.RecordInvoicedAsync(owner, state, cancellationToken).ConfigureAwait(false),
            QueueInvoiceEmail email => await QueueEmailAsync(owner, state, email.IdempotencyKey, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"No way to perform {effect.GetType().Name}."),
        };
    }

    /// <summary>
    /// The customer's copy of the invoice: a receipt with the invoice link when the card paid it, the invoice to pay
    /// when it was declined. No address on the entry: nobody to write to, and nothing to retry.
    /// </summary>
    private async Task<MonthEndInvoicingEvent> QueueEmailAsync(Tenant tenant, MonthEndInvoicingState state, string key,
        CancellationToken cancellationToken)
    {
        var entry = await actions.Value.EntryAsync(tenant, state, cancellationToken).ConfigureAwait(false);
        if (entry.BillingDetails.Email is not { Length: > 0 } address) return new InvoiceEmailQueued();
        var invoice = await actions.Value.InvoiceAsync(tenant, state, cancellationToken).ConfigureAwait(false);
        var link = invoice.HostedInvoiceUrl is { } url ? new Uri(url) : null;
        var model = new EmailModel(entry.BillingDetails.Name, tenant.Name, invoice.Number ?? invoice.Id.Value,
            new Money(state.AmountMinor, state.Currency), link, null, tenant.Calendar.TimeZone);
        var kind = state.Paid == true ? EmailKind.PaymentReceived : EmailKind.InvoiceSent;
        var email = composer.Compose(new TenantSender(tenant.Id.Value, from), new EmailAddress(address, entry.BillingDetails.Name), kind, key, model);
        await outbox.Value.EnqueueAsync(email, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InvoiceEmailQueued();
    }
}
