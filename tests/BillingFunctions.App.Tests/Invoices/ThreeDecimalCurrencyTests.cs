using BillingFunctions.App.Tests.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>
/// A tenant billing in KWD: Stripe takes its amounts only in whole steps of 10 fils, so the tax we compute is rounded to
/// that step and an entered amount off it is refused; what the CRM shows is what Stripe charges.
/// </summary>
public sealed class ThreeDecimalCurrencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_kwd_invoice_with_tax_is_paid_in_stripe_for_exactly_the_total_the_crm_shows()
    {
        using var world = await TenantWorld.CreateAsync(host, currency: "kwd");
        var customer = await world.CreateCustomerAsync(world.RepA1);
        await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.PostAsJsonAsync(
            $"/api/v1/customers/{customer.Id}/default-payment-method", new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions));

        // 2 × 6.170 KWD with 5 % tax: 0.617 KWD of tax, which Stripe cannot charge; 0.620 KWD can.
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "charge_automatically", null, null, [new InvoiceLineRequest("Consulting", 2, 6_170, 500)],
            []), ApiHost.JsonOptions));
        await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
        var paid = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/pay", null));

        Assert.Equal(("kwd", 12_340L, 620L, 12_960L), (draft.Currency, draft.Subtotal, draft.Tax, draft.Total));
        var stripe = TestStripe.Account(host.Stripe.BaseUrl, "sk_test_reader");
        var inStripe = await stripe.V1.Invoices.GetAsync(paid.StripeInvoiceId!, null, stripe.Read());
        Assert.Equal(("paid", draft.Total, draft.Total), (inStripe.Status, inStripe.Total, inStripe.AmountPaid));
        Assert.Equal(("paid", draft.Total, 0L), (paid.Status, paid.AmountPaid, paid.AmountDue));
    }

    [Fact]
    public async Task An_entered_kwd_amount_stripe_would_refuse_is_a_400_and_writes_nothing()
    {
        using var world = await TenantWorld.CreateAsync(host, currency: "kwd");
        var customer = await world.CreateCustomerAsync(world.RepA1);

        var response = await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, null, null, 14, [new InvoiceLineRequest("Consulting", 1, 1_234, 500)], []), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Problems.TypeBase + "invalid-request", problem["type"]!.GetValue<string>());
        Assert.Contains("kwd", problem["detail"]!.GetValue<string>());
        var list = JsonNode.Parse(await world.RepA1.GetStringAsync("/api/v1/invoices"))!;
        Assert.Empty(list["items"]!.AsArray());
    }
}
