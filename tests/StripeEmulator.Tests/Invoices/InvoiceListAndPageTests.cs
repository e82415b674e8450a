using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Invoices;

public sealed class InvoiceListAndPageTests : EmulatorTest
{
    [Fact]
    public async Task Hosted_invoice_page_pays_with_the_chosen_test_card()
    {
        var customer = await Stripe.CustomerAsync();
        var invoice = await Stripe.OpenInvoiceAsync(customer, 1999);
        var url = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["hosted_invoice_url"]!.ToString();

        using var declined = await Stripe.Http.PostAsync(url + "/pay", new FormUrlEncodedContent([new("card", "pm_card_chargeDeclinedLostCard")]));
        var afterDecline = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).EnsureOk();
        using var paid = await Stripe.Http.PostAsync(url + "/pay", new FormUrlEncodedContent([new("card", "pm_card_visa")]));
        var page = await paid.Content.ReadAsStringAsync();

        Assert.Contains("lost_card", await declined.Content.ReadAsStringAsync());
        Assert.Equal(("open", "1"), (afterDecline["status"], afterDecline["attempt_count"]));
        Assert.Contains("<strong id=\"status\">paid</strong>", page);
        Assert.Equal("paid", (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["status"]!.ToString());
    }

    [Fact]
    public async Task Invoices_list_by_customer_and_status_newest_first_with_cursor_paging()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var other = await Stripe.CustomerAsync();
        var a = await Stripe.OpenInvoiceAsync(customer);
        var b = await Stripe.OpenInvoiceAsync(customer);
        var c = await Stripe.OpenInvoiceAsync(customer);
        await Stripe.OpenInvoiceAsync(other);
        (await Stripe.PostAsync($"/v1/invoices/{b}/pay")).EnsureOk();

        var open = (await Stripe.GetAsync($"/v1/invoices?customer={customer}&status=open")).EnsureOk();
        var page1 = (await Stripe.GetAsync($"/v1/invoices?customer={customer}&limit=2")).EnsureOk();
        var page2 = (await Stripe.GetAsync($"/v1/invoices?customer={customer}&limit=2&starting_after={page1.Json["data"]![1]!["id"]}")).EnsureOk();

        Assert.Equal([c, a], Ids(open));
        Assert.Equal([c, b], Ids(page1));
        Assert.True(page1.Json["has_more"]!.GetValue<bool>());
        Assert.Equal([a], Ids(page2));
        Assert.False(page2.Json["has_more"]!.GetValue<bool>());
        Assert.Equal("/v1/invoices", page1["url"]);
    }

    private static string[] Ids(StripeResponse list) => list.Json["data"]!.AsArray().Select(i => i!["id"]!.ToString()).ToArray();
}
