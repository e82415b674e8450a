using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Accounting;

/// <summary>What happened to an invoice that the books record.</summary>
public enum JournalEvent
{
    /// <summary>Finalized: receivable against revenue and tax.</summary>
    Invoiced,

    /// <summary>Paid: undeposited funds against the receivable.</summary>
    Paid,

    /// <summary>Voided: the invoiced entry reversed.</summary>
    Voided,
}

/// <summary>One line of an entry: a debit or a credit, never both, never negative, never zero.</summary>
public sealed record JournalLine(LedgerAccount Account, Money Debit, Money Credit);

/// <summary>
/// A balanced journal entry about one invoice: its lines' debits equal their credits (<see cref="JournalEntry.Post"/>
/// refuses anything else), so an import never meets an entry out of balance.
/// </summary>
public sealed record JournalEntry(JournalEvent Event, InvoiceId Invoice, CustomerId Customer, string? InvoiceNumber,
    DateTimeOffset At, Currency Currency, IReadOnlyList<JournalLine> Lines)
{
    public Money Debits => Sum(l => l.Debit);
    public Money Credits => Sum(l => l.Credit);

    /// <summary>
    /// An entry of signed postings, positive a debit and negative a credit (a credit invoice's negative subtotal thus
    /// debits revenue); zero postings are left out. Null when nothing is left to post.
    /// </summary>
    public static JournalEntry? Post(JournalEvent journalEvent, InvoiceSnapshot invoice, DateTimeOffset at,
        params (LedgerAccount Account, Money Amount)[] postings)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var zero = Money.Zero(invoice.Currency);
        var lines = postings.Where(p => p.Amount.Minor != 0)
            .Select(p => p.Amount.IsNegative ? new JournalLine(p.Account, zero, -p.Amount) : new JournalLine(p.Account, p.Amount, zero))
            .ToList();
        if (lines.Count == 0) return null;
        var entry = new JournalEntry(journalEvent, invoice.Id, invoice.Customer, invoice.Number, at, invoice.Currency, lines);
        if (entry.Debits != entry.Credits) throw new InvalidOperationException($"The {journalEvent} entry of {invoice.Id} does not balance.");
        return entry;
    }

    /// <summary>The same entry with every line on the other side, dated <paramref name="at"/>.</summary>
    public JournalEntry Reversed(JournalEvent journalEvent, DateTimeOffset at) =>
        this with { Event = journalEvent, At = at, Lines = [.. Lines.Select(l => l with { Debit = l.Credit, Credit = l.Debit })] };

    private Money Sum(Func<JournalLine, Money> side) => Lines.Aggregate(Money.Zero(Currency), (sum, line) => sum + side(line));
}
