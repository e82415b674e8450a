using System.Globalization;
using System.Runtime.CompilerServices;
using BillingFunctions.Domain.Accounting;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Accounting;

/// <summary>
/// The journal CSV (docs/CSV.md) in the layout of QuickBooks Online's journal-entry import: a row per journal line, the
/// lines of one entry consecutive under one JournalNo, amounts in major units of the entry's currency, one of Debits and
/// Credits filled.
/// </summary>
internal static class JournalCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["JournalNo", "JournalDate", "Currency", "Memo", "AccountName", "Debits", "Credits", "Description", "Name"];

    /// <summary>The fixed account names (a QuickBooks Online chart of accounts has or takes them as they are).</summary>
    public static string AccountName(LedgerAccount account) => account switch
    {
        LedgerAccount.AccountsReceivable => "Accounts Receivable (A/R)",
        LedgerAccount.Revenue => "Sales",
        LedgerAccount.SalesTaxPayable => "Sales Tax Payable",
        _ => "Undeposited Funds",
    };

    /// <summary>QuickBooks Online takes at most 21 characters as a journal number.</summary>
    public const int MaxJournalNumber = 21;

    /// <summary>Entries between two reads of their customers' names: the export's only buffer.</summary>
    private const int EntriesPerLookup = 100;

    public static async IAsyncEnumerable<string?[]> RowsAsync(TenantId tenant, TenantCalendar calendar, JournalInvoices invoices,
        IAsyncEnumerable<JournalEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<JournalEntry>(EntriesPerLookup);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            batch.Add(entry);
            if (batch.Count < EntriesPerLookup) continue;
            foreach (var row in await RowsAsync(tenant, calendar, invoices, batch, cancellationToken)) yield return row;
            batch.Clear();
        }
        foreach (var row in await RowsAsync(tenant, calendar, invoices, batch, cancellationToken)) yield return row;
    }

    private static async Task<IEnumerable<string?[]>> RowsAsync(TenantId tenant, TenantCalendar calendar, JournalInvoices invoices,
        List<JournalEntry> batch, CancellationToken cancellationToken)
    {
        var names = await invoices.NamesAsync(tenant, batch.Select(e => e.Customer), cancellationToken);
        return batch.SelectMany(e => Rows(e, calendar, names[e.Customer])).ToList();
    }

    public static IEnumerable<string?[]> Rows(JournalEntry entry, TenantCalendar calendar, string customerName)
    {
        var (number, date) = (JournalNumber(entry), calendar.Today(entry.At).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
        var invoice = entry.InvoiceNumber is { } n ? $"Invoice {n} ({entry.Invoice.Value})" : $"Invoice {entry.Invoice.Value}";
        var memo = $"{invoice} {Verb(entry.Event)}";
        return entry.Lines.Select(l => new[] { number, date, entry.Currency.Code.ToUpperInvariant(), memo, AccountName(l.Account),
            Amount(l.Debit), Amount(l.Credit), invoice, customerName });
    }

    /// <summary>
    /// The same for every export of the entry, so QuickBooks can warn of one imported twice: the invoice's number (its
    /// id's last 16 characters when it has none, or one too long) and the event.
    /// </summary>
    public static string JournalNumber(JournalEntry entry)
    {
        var suffix = entry.Event switch { JournalEvent.Invoiced => "-INV", JournalEvent.Paid => "-PAY", _ => "-VOID" };
        var reference = entry.InvoiceNumber is { } n && n.Length + suffix.Length <= MaxJournalNumber ? n : entry.Invoice.Value[^16..];
        return reference + suffix;
    }

    private static string Verb(JournalEvent journalEvent) => journalEvent switch
    {
        JournalEvent.Invoiced => "finalized",
        JournalEvent.Paid => "paid",
        _ => "voided",
    };

    private static string? Amount(Money amount) => amount.Minor == 0 ? null : MajorUnits.Format(amount);
}
