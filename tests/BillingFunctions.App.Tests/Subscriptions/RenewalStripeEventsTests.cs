using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Renewals;
using Stripe;
using InvoicePaid = BillingFunctions.Domain.Renewals.InvoicePaid;

namespace BillingFunctions.App.Tests.Subscriptions;

public class RenewalStripeEventsTests
{
    private static Event Event(string type, string metadata) => EventUtility.ParseEvent(
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"" + type
        + "\",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\",\"metadata\":" + metadata + "}}}",
        throwOnApiVersionMismatch: false);

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
    public void A_period_start_that_is_not_a_time_concerns_no_renewal_instead_of_failing_the_event()
    {
        Assert.Null(RenewalStripeEvents.From(Event("invoice.paid", """{"subscription":"sub_9","period_start":"soon"}""")));
        Assert.Null(RenewalStripeEvents.From(Event("invoice.paid", """{"subscription":"sub_9","period_start":"99999999999999999"}""")));
        Assert.Null(RenewalStripeEvents.From(Event("invoice.paid", """{"period_start":"1772236800"}""")));
    }
}
