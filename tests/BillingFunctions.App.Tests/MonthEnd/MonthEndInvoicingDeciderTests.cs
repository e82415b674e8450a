using BillingFunctions.App.MonthEnd;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>The invoicing decision alone: the order of the effects, their keys, and what a decline changes.</summary>
public sealed class MonthEndInvoicingDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static MonthEndInvoicingState Started()
    {
        var customer = new CustomerSnapshot
        {
            Id = new CustomerId("cus_1"), Name = "Globex", Email = "ap@globex.example", Owner = new UserId("rep"), OwnerTeam = new TeamId("a"),
            Currency = Currency.Eur, CreatedAt = Now,
        };
        var entry = BillingEntry.Open(customer, BillingPeriod.Of(new DateOnly(2026, 11, 1)), TenantCalendar.Utc);
        entry.Submit(new Actor(new TenantId("t"), new UserId("rep"), Role.Rep, new TeamId("a")), 12_345, Currency.Eur, "November", Now);
        return MonthEndInvoicingState.Start(entry.Approve(new Actor(new TenantId("t"), new UserId("boss"), Role.Manager,
            new TeamId("a")), Now).Value);
    }

    private static (MonthEndInvoicingState State, List<MonthEndInvoicingEffect> Effects) Run(params MonthEndInvoicingEvent[] outcomes)
    {
        var decision = MonthEndInvoicingDecider.Decide(Started(), new MonthEndWoken(), Now);
        var effects = new List<MonthEndInvoicingEffect>(decision.Effects);
        foreach (var outcome in outcomes)
        {
            decision = MonthEndInvoicingDecider.Decide(decision.State, outcome, Now);
            effects.AddRange(decision.Effects);
        }
        Assert.True(decision.Completed || decision.Effects.Count == 1);
        return (decision.State, effects);
    }

    [Fact]
    public void A_paid_approval_creates_finalizes_charges_records_and_emails_in_that_order_then_completes()
    {
        var (state, effects) = Run(new CrmInvoiceCreated(), new InvoiceFinalized("in_1", "open"), new InvoiceCharged(true, null),
            new EntryInvoiced(), new InvoiceEmailQueued());

        Assert.Equal([typeof(CreateCrmInvoice), typeof(FinalizeInStripe), typeof(ChargeDefaultCard), typeof(RecordEntryInvoiced),
            typeof(QueueInvoiceEmail)],
            effects.Select(e => e.GetType()));
        Assert.Equal("month-end:cus_1:2026-11:v3:invoice:pay", effects[2].IdempotencyKey);
        Assert.Equal(("in_1", true, true, true), (state.StripeInvoiceId, state.Paid, state.EntryRecorded, state.EmailQueued));
        Assert.True(MonthEndInvoicingDecider.Decide(state, new MonthEndWoken(), Now).Completed);
    }

    [Fact]
    public void A_decline_records_the_code_and_still_records_the_entry_and_emails()
    {
        var (state, effects) = Run(new CrmInvoiceCreated(), new InvoiceFinalized("in_1", "open"), new InvoiceCharged(false, "insufficient_funds"));

        Assert.Equal((false, "insufficient_funds"), (state.Paid, state.DeclineCode));
        Assert.IsType<RecordEntryInvoiced>(effects[^1]);
    }

    [Fact]
    public void Waking_again_before_an_outcome_repeats_the_same_effect_with_the_same_key()
    {
        var first = MonthEndInvoicingDecider.Decide(Started(), new MonthEndWoken(), Now);
        var again = MonthEndInvoicingDecider.Decide(first.State, new MonthEndWoken(), Now);

        Assert.Equal(first.Effects.Single(), again.Effects.Single());
    }

    [Fact]
    public void The_crm_invoice_id_is_the_same_for_the_same_approval_and_differs_after_a_resubmission()
    {
        Assert.Equal(MonthEndInvoicingState.InvoiceIdFor("month-end:cus_1:2026-11:v3:invoice"), Started().InvoiceId);
        Assert.NotEqual(MonthEndInvoicingState.InvoiceIdFor("month-end:cus_1:2026-11:v5:invoice"), Started().InvoiceId);
    }
}
