using StripeEmulator.Http;
using StripeEmulator.InvoiceItems;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

/// <summary>An invoice and Stripe's rules for moving it draft → open → paid / void / uncollectible.</summary>
internal sealed partial class Invoice(string id, long created, string customer, string currency, string collectionMethod) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Customer { get; } = customer;
    public string Currency { get; } = currency;
    public string CollectionMethod { get; } = collectionMethod;
    public string Status { get; private set; } = "draft";
    public List<InvoiceItem> Items { get; } = [];
    public Dictionary<string, string> Metadata { get; } = [];
    public bool AutoAdvance { get; set; }
    public long? DueDate { get; init; }
    public string? Description { get; init; }
    public string? Footer { get; init; }
    public string? StatementDescriptor { get; init; }
    public string? DefaultPaymentMethod { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public string BillingReason { get; init; } = "manual";

    public string? Number { get; private set; }
    public string? HostedInvoiceUrl { get; private set; }
    public long StartingBalance { get; private set; }
    public long? EndingBalance { get; private set; }
    public long AmountPaid { get; private set; }

    /// <summary>What was paid outside Stripe; counted in <see cref="AmountPaid"/> too, as since basil.</summary>
    public long AmountPaidOffStripe { get; private set; }

    public long PrePaymentCreditNotesAmount { get; private set; }
    public long PostPaymentCreditNotesAmount { get; private set; }
    public int AttemptCount { get; private set; }
    public bool Attempted { get; private set; }
    public long? NextPaymentAttempt { get; private set; }

    /// <summary>The latest charge; no longer on the invoice's JSON, kept for credit notes that refund it.</summary>
    public string? Charge { get; private set; }

    /// <summary>The PaymentIntent every attempt confirms; the JSON shows it through <see cref="Payments"/>.</summary>
    public string? PaymentIntent { get; set; }

    public List<InvoicePayment> Payments { get; } = [];

    public long? FinalizedAt { get; private set; }
    public long? PaidAt { get; private set; }
    public long? VoidedAt { get; private set; }
    public long? MarkedUncollectibleAt { get; private set; }
    public long? WebhooksDeliveredAt { get; set; }

    public long Subtotal => Items.Sum(i => i.Amount);
    public long Total => Subtotal;
    public long AmountDue => Math.Max(0, Total + StartingBalance - PrePaymentCreditNotesAmount);
    public long AmountRemaining => Status is "paid" ? 0 : Math.Max(0, AmountDue - AmountPaid);
    public bool Paid => Status == "paid";

    public void AddItem(InvoiceItem item)
    {
        RequireDraft();
        item.Invoice = Id;
        item.LineId = "il_" + item.Id[3..];
        Items.Add(item);
    }

    /// <summary>Draft → open: takes a number, applies the customer's balance, publishes the hosted page.</summary>
    public void Finalize(long now, string number, string hostedUrl, long customerBalance)
    {
        if (Status != "draft")
            throw ApiException.InvalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.",
                code: "invoice_not_editable");
        Status = "open";
        Number = number;
        HostedInvoiceUrl = hostedUrl;
        FinalizedAt = now;
        StartingBalance = customerBalance;
        EndingBalance = Math.Min(0, Total + customerBalance);
        if (AmountDue == 0) MarkPaid(now);
    }

    public void RequirePayable()
    {
        switch (Status)
        {
            case "paid": throw ApiException.InvalidRequest("Invoice is already paid", code: "invoice_already_paid");
            case "void": throw ApiException.InvalidRequest("This invoice can no longer be paid because it has been voided.",
                code: "invoice_not_editable");
        }
    }

    public void RecordPaymentSucceeded(long now, string chargeId)
    {
        RequirePayable();
        Attempted = true;
        AttemptCount++;
        Charge = chargeId;
        AmountPaid = AmountDue;
        MarkPaid(now);
    }

    /// <summary>A declined attempt leaves the invoice open and schedules Stripe's next automatic retry.</summary>
    public void RecordPaymentFailed(long now, string chargeId)
    {
        Attempted = true;
        AttemptCount++;
        Charge = chargeId;
        NextPaymentAttempt = AutoAdvance && CollectionMethod == "charge_automatically" ? now + 3 * 86_400 : null;
    }

    public void PayOutOfBand(long now)
    {
        RequirePayable();
        var owed = AmountRemaining;
        AmountPaid += owed;
        AmountPaidOffStripe += owed;
        MarkPaid(now);
    }

    public void Void(long now)
    {
        if (Status != "open")
            throw ApiException.InvalidRequest($"You can only void open invoices. This invoice is {Status}.", code: "invoice_not_editable");
        Status = "void";
        VoidedAt = now;
        NextPaymentAttempt = null;
        AutoAdvance = false;
    }

    public void MarkUncollectible(long now)
    {
        if (Status != "open")
            throw ApiException.InvalidRequest($"You can only mark open invoices as uncollectible. This invoice is {Status}.",
                code: "invoice_not_editable");
        Status = "uncollectible";
        MarkedUncollectibleAt = now;
        NextPaymentAttempt = null;
        AutoAdvance = false;
    }

    /// <summary>A credit note before payment lowers what is due; one after payment is recorded against the total.</summary>
    public void ApplyCreditNote(long amount, long now)
    {
        RequireCreditable();
        if (Status == "paid")
        {
            PostPaymentCreditNotesAmount += amount;
            return;
        }
        PrePaymentCreditNotesAmount += amount;
        if (Status == "open" && AmountRemaining == 0) MarkPaid(now);
    }

    public void RequireCreditable()
    {
        if (Status is "draft" or "void")
            throw ApiException.InvalidRequest($"You can only create credit notes for open, paid or uncollectible invoices. This invoice is {Status}.",
                "invoice");
    }

    public void RequireDraft()
    {
        if (Status != "draft")
            throw ApiException.InvalidRequest($"You can only modify draft invoices. This invoice is {Status}.", code: "invoice_not_editable");
    }

    private void MarkPaid(long now)
    {
        Status = "paid";
        PaidAt = now;
        NextPaymentAttempt = null;
        AutoAdvance = false;
    }
}
