using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Tests.Subscriptions;

public class RenewalStripeEventsTests
{
    private static StoredStripeEvent Event(string type, string metadata) => new("t1", "evt_1", type,
        "{\"id\":\"evt_1\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\",\"metadata\":" + metadata + "}}}",
        DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void Invoice_paid_of_a_renewal_invoice_names_the_renewal_instance()
    {
        var delivery = RenewalStripeEvents.From(Event("invoice.paid", """{"subscription":"sub_9","period_start":"1772236800"}"""));

        Assert.Equal("renewal:sub_9:20260228T000000Z", delivery!.InstanceId);
        Assert.Equal(new InvoicePaid("in_1"), delivery.Event);
    }

    [Fact]
    public void Other_invoices_and_other_events_concern_no_renewal()
    {
        Assert.Null(RenewalStripeEvents.From(Event("invoice.paid", "{}")));
        Assert.Null(RenewalStripeEvents.From(Event("invoice.finalized", """{"subscription":"sub_9","period_start":"1772236800"}""")));
    }

    [Fact]
    public void An_unreadable_payload_concerns_no_renewal_instead_of_failing_the_event()
    {
        Assert.Null(RenewalStripeEvents.From(new StoredStripeEvent("t1", "evt_2", "invoice.paid", "not json", DateTimeOffset.UnixEpoch, null)));
        Assert.Null(RenewalStripeEvents.From(new StoredStripeEvent("t1", "evt_3", "invoice.paid", "[]", DateTimeOffset.UnixEpoch, null)));
    }
}
