using BillingFunctions.Domain.Accounting;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.Accounting;

/// <summary>
/// An invoice of two lines in euros: 2 × 50.00 at 19 % tax (tax 19.00) and 1 × 30.00 untaxed. Subtotal 130.00, tax 19.00,
/// total 149.00, finalized on 3 March, paid on 20 March.
/// </summary>
public class InvoiceJournalTests
{
    private static readonly DateTimeOffset Finalized = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);

    private static InvoiceSnapshot Invoice(InvoiceStatus status, long paid = 0, params InvoiceLine[] lines) => new()
    {
        Id = new InvoiceId("inv_1"), Customer = new CustomerId("cus_1"), Owner = new UserId("rep"), Currency = Currency.Eur,
        Collection = CollectionMethod.SendInvoice, Status = status, CreatedAt = Finalized.AddDays(-1),
        FinalizedAt = status == InvoiceStatus.Draft ? null : Finalized, PaidAt = status == InvoiceStatus.Paid ? Later : null,
        ClosedAt = status is InvoiceStatus.Void or InvoiceStatus.Uncollectible ? Later : null, AmountPaidMinor = paid, Number = "ACME-0007",
        Lines = lines.Length > 0 ? lines : [new InvoiceLine("l1", "Seats", 2, new Money(5_000, Currency.Eur), 1_900),
            new InvoiceLine("l2", "Setup", 1, new Money(3_000, Currency.Eur), null)],
    };

    private static (LedgerAccount, long Debit, long Credit)[] Lines(JournalEntry entry) =>
        [.. entry.Lines.Select(l => (l.Account, l.Debit.Minor, l.Credit.Minor))];

    [Fact]
    public void A_finalized_invoice_debits_receivables_its_total_and_credits_revenue_and_tax()
    {
        var entry = Assert.Single(InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Open)));

        Assert.Equal((JournalEvent.Invoiced, Finalized), (entry.Event, entry.At));
        Assert.Equal([(LedgerAccount.AccountsReceivable, 14_900L, 0L), (LedgerAccount.Revenue, 0L, 13_000L),
            (LedgerAccount.SalesTaxPayable, 0L, 1_900L)], Lines(entry));
    }

    [Fact]
    public void A_payment_moves_what_was_paid_from_receivables_to_undeposited_funds_on_the_day_it_was_paid()
    {
        var entries = InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Paid, paid: 14_900));

        Assert.Equal([JournalEvent.Invoiced, JournalEvent.Paid], entries.Select(e => e.Event));
        Assert.Equal(Later, entries[1].At);
        Assert.Equal([(LedgerAccount.UndepositedFunds, 14_900L, 0L), (LedgerAccount.AccountsReceivable, 0L, 14_900L)], Lines(entries[1]));
    }

    [Fact]
    public void A_void_reverses_the_invoiced_entry_on_the_day_it_was_voided()
    {
        var entries = InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Void));

        Assert.Equal([JournalEvent.Invoiced, JournalEvent.Voided], entries.Select(e => e.Event));
        Assert.Equal(Later, entries[1].At);
        Assert.Equal([(LedgerAccount.AccountsReceivable, 0L, 14_900L), (LedgerAccount.Revenue, 13_000L, 0L),
            (LedgerAccount.SalesTaxPayable, 1_900L, 0L)], Lines(entries[1]));
    }

    [Fact]
    public void Drafts_make_no_entry_and_an_uncollectible_invoice_stays_a_receivable()
    {
        Assert.Empty(InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Draft)));
        Assert.Equal([JournalEvent.Invoiced], InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Uncollectible)).Select(e => e.Event));
    }

    [Fact]
    public void Untaxed_lines_post_no_tax_and_a_credit_invoice_posts_on_the_other_sides()
    {
        var untaxed = Assert.Single(InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Open, 0,
            new InvoiceLine("l1", "Setup", 1, new Money(3_000, Currency.Eur), null))));
        var credit = Assert.Single(InvoiceJournal.EntriesOf(Invoice(InvoiceStatus.Open, 0,
            new InvoiceLine("l1", "Refund of setup", 1, new Money(-3_000, Currency.Eur), null))));

        Assert.Equal([(LedgerAccount.AccountsReceivable, 3_000L, 0L), (LedgerAccount.Revenue, 0L, 3_000L)], Lines(untaxed));
        Assert.Equal([(LedgerAccount.AccountsReceivable, 0L, 3_000L), (LedgerAccount.Revenue, 3_000L, 0L)], Lines(credit));
    }

    [Fact]
    public void Every_entry_of_random_invoices_balances()
    {
        var random = new Random(16);
        for (var i = 0; i < 2_000; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 6)).Select(n => new InvoiceLine($"l{n}", "Line", random.Next(1, 20),
                new Money(random.Next(-2_000, 100_000) * 10L, Currency.Parse(i % 2 == 0 ? "eur" : "kwd")),
                random.Next(3) == 0 ? null : random.Next(0, 2_500))).ToArray();
            var currency = lines[0].UnitAmount.Currency;
            var status = (InvoiceStatus)random.Next(5);
            var invoice = Invoice(status, 0, lines) with { Currency = currency };
            var total = Domain.Invoices.Invoice.Restore(invoice).Total.Minor;
            invoice = invoice with { AmountPaidMinor = status == InvoiceStatus.Paid ? Math.Max(0, total) : 0 };
            foreach (var entry in InvoiceJournal.EntriesOf(invoice))
            {
                Assert.Equal(entry.Debits, entry.Credits);
                Assert.All(entry.Lines, l => Assert.True((l.Debit.Minor > 0) ^ (l.Credit.Minor > 0)));
            }
        }
    }
}
