using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Customers;

public sealed class CustomerTests : EmulatorTest
{
    [Fact]
    public async Task Updates_merge_metadata_and_empty_values_clear_fields()
    {
        var id = await Stripe.CustomerAsync(("email", "a@example.com"), ("name", "Ada"), ("metadata[keep]", "1"), ("metadata[drop]", "2"));

        var updated = (await Stripe.PostAsync($"/v1/customers/{id}", ("name", ""), ("metadata[drop]", ""), ("metadata[new]", "3"))).EnsureOk();

        Assert.Null(updated["name"]);
        Assert.Equal("a@example.com", updated["email"]);
        Assert.Equal("""{"keep":"1","new":"3"}""", updated.Json["metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task Customers_list_newest_first_filtered_by_email_with_cursors()
    {
        var a = await Stripe.CustomerAsync(("email", "same@example.com"));
        var b = await Stripe.CustomerAsync(("email", "other@example.com"));
        var c = await Stripe.CustomerAsync(("email", "same@example.com"));

        var byEmail = (await Stripe.GetAsync("/v1/customers?email=same@example.com")).EnsureOk();
        var firstPage = (await Stripe.GetAsync("/v1/customers?limit=1")).EnsureOk();
        var before = (await Stripe.GetAsync($"/v1/customers?ending_before={a}")).EnsureOk();

        Assert.Equal([c, a], byEmail.Json["data"]!.AsArray().Select(x => x!["id"]!.ToString()));
        Assert.Equal([c], firstPage.Json["data"]!.AsArray().Select(x => x!["id"]!.ToString()));
        Assert.True(firstPage.Json["has_more"]!.GetValue<bool>());
        Assert.Equal([c, b], before.Json["data"]!.AsArray().Select(x => x!["id"]!.ToString()));
    }

    [Fact]
    public async Task Unknown_ids_are_404_resource_missing()
    {
        var response = await Stripe.GetAsync("/v1/customers/cus_doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(("invalid_request_error", "resource_missing"), (response.Error["type"]!.ToString(), response.Error["code"]!.ToString()));
        Assert.Equal("No such customer: 'cus_doesnotexist'", response.Error["message"]!.ToString());
    }

    [Fact]
    public async Task Creating_with_a_payment_method_attaches_it_and_can_make_it_the_default()
    {
        var created = (await Stripe.PostAsync("/v1/customers", ("payment_method", "pm_card_visa"))).EnsureOk();
        var pm = (await Stripe.GetAsync("/v1/events?type=payment_method.attached")).Json["data"]![0]!["data"]!["object"]!["id"]!.ToString();

        var updated = (await Stripe.PostAsync($"/v1/customers/{created.Id}", ("invoice_settings[default_payment_method]", pm))).EnsureOk();

        Assert.Equal(created.Id, (await Stripe.GetAsync($"/v1/payment_methods/{pm}")).Json["customer"]!.ToString());
        Assert.Equal(pm, updated.Json["invoice_settings"]!["default_payment_method"]!.ToString());
    }

    [Fact]
    public async Task Connected_accounts_are_separate_namespaces()
    {
        using var connected = new EmulatorClient(Emulator.BaseUrl, "acct_1Tenant");
        var onPlatform = await Stripe.CustomerAsync();
        var onAccount = await connected.CustomerAsync();

        Assert.Equal([onPlatform], (await Stripe.GetAsync("/v1/customers")).Json["data"]!.AsArray().Select(c => c!["id"]!.ToString()));
        Assert.Equal([onAccount], (await connected.GetAsync("/v1/customers")).Json["data"]!.AsArray().Select(c => c!["id"]!.ToString()));
    }

    [Fact]
    public async Task Billing_portal_sessions_link_to_a_page_listing_the_customers_invoices()
    {
        var customer = await Stripe.CustomerAsync();
        var invoice = await Stripe.OpenInvoiceAsync(customer);

        var session = (await Stripe.PostAsync("/v1/billing_portal/sessions", ("customer", customer),
            ("return_url", "https://crm.example.com/x"))).EnsureOk();
        var page = await Stripe.Http.GetStringAsync(session["url"]);

        Assert.StartsWith("bps_", session.Id);
        Assert.Contains((await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["number"]!.ToString(), page);
        Assert.Contains("https://crm.example.com/x", page);
    }
}
