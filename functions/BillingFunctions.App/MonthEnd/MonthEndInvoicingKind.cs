using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end invoicing as a Durable orchestration: decisions from <see cref="MonthEndInvoicingDecider"/>, each effect
/// performed by <see cref="MonthEndInvoicingEffects"/> in the kind's activity.
/// </summary>
public sealed class MonthEndInvoicingKind : ProcessKind<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>
{
    public static readonly MonthEndInvoicingKind Instance = new();

    private static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
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
}
