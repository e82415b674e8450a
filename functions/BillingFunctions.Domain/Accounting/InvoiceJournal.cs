using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.Domain.Accounting;

/// <summary>
/// The journal entries an invoice's life makes, each dated when it happened, so a period's journal is the entries dated
/// in it and a past period's never changes:
/// <list type="bullet">
/// <item>finalized: debit accounts receivable the total, credit revenue the subtotal and sales tax payable the tax;</item>
/// <item>paid: debit undeposited funds, credit accounts receivable, by what was paid;</item>
/// <item>voided after it was finalized: the finalized entry reversed.</item>
/// </list>
/// A draft makes none. Marking an invoice uncollectible makes none either: whether to write it off is the accountant's
/// call, and it stays a receivable until it is paid or voided. The domain has no refunds or credit notes yet.
/// </summary>
public static class InvoiceJournal
{
    public static IReadOnlyList<JournalEntry> EntriesOf(InvoiceSnapshot invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.FinalizedAt is not { } finalizedAt || invoice.Status == InvoiceStatus.Draft) return [];
        var figures = Invoice.Restore(invoice);
        var entries = new List<JournalEntry>();
        var invoiced = JournalEntry.Post(JournalEvent.Invoiced, invoice, finalizedAt, (LedgerAccount.AccountsReceivable, figures.Total),
            (LedgerAccount.Revenue, -figures.Subtotal), (LedgerAccount.SalesTaxPayable, -figures.Tax));
        if (invoiced is not null) entries.Add(invoiced);
        if (invoice.Status == InvoiceStatus.Paid && invoice.PaidAt is { } paidAt
            && JournalEntry.Post(JournalEvent.Paid, invoice, paidAt, (LedgerAccount.UndepositedFunds, figures.AmountPaid),
                (LedgerAccount.AccountsReceivable, -figures.AmountPaid)) is { } paid)
            entries.Add(paid);
        if (invoice.Status == InvoiceStatus.Void && invoiced is not null)
            entries.Add(invoiced.Reversed(JournalEvent.Voided, invoice.ClosedAt ?? finalizedAt));
        return entries;
    }
}
