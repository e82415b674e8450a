using System.Text.Json.Nodes;
using Stripe;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.ModelCheck;

/// <summary>The model check catches what it is there to catch: fields of an older API version, at any depth, and missing reads.</summary>
public sealed class StripeModelCheckTests : EmulatorTest
{
    [Fact]
    public async Task An_invoice_the_emulator_sends_passes()
    {
        var invoice = await PaidInvoiceAsync();

        Assert.Empty(StripeModelCheck.Check(invoice, typeof(Invoice)));
    }

    [Theory]
    [InlineData("paid", "true")]
    [InlineData("payment_intent", "\"pi_123\"")]
    [InlineData("charge", "\"ch_123\"")]
    [InlineData("subscription", "null")]
    public async Task A_2023_invoice_field_fails_the_check(string field, string value)
    {
        var invoice = await PaidInvoiceAsync();
        invoice[field] = JsonNode.Parse(value);

        var problems = StripeModelCheck.Check(invoice, typeof(Invoice));

        Assert.Equal([$"$.{field}: Invoice has no such property in Stripe.net (API 2026-10-28.endive)"], problems);
    }

    [Fact]
    public async Task A_stale_field_deep_inside_fails_too()
    {
        var invoice = await PaidInvoiceAsync();
        invoice["lines"]!["data"]![0]!["price"] = null;
        invoice["payments"]!["data"]![0]!["payment"]!["payment_intent"]!["invoice"] = invoice["id"]!.ToString();

        var problems = StripeModelCheck.Check(invoice, typeof(Invoice));

        Assert.Equal(
            [
                "$.lines.data[0].price: InvoiceLineItem has no such property in Stripe.net (API 2026-10-28.endive)",
                "$.payments.data[0].payment.payment_intent.invoice: PaymentIntent has no such property in Stripe.net (API 2026-10-28.endive)",
            ],
            problems);
    }

    [Fact]
    public async Task An_event_with_a_stale_object_or_previous_attribute_fails()
    {
        var invoice = await PaidInvoiceAsync();
        invoice["paid"] = true;
        var evt = new JsonObject
        {
            ["id"] = "evt_1", ["object"] = "event", ["api_version"] = "2026-10-28.endive", ["created"] = 1_700_000_000,
            ["data"] = new JsonObject { ["object"] = invoice, ["previous_attributes"] = new JsonObject { ["paid"] = false, ["status"] = "open" } },
            ["livemode"] = false, ["pending_webhooks"] = 1, ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = "invoice.paid",
        };

        var problems = StripeModelCheck.Check(evt, typeof(Event));

        Assert.Equal(
            [
                "$.data.object.paid: Invoice has no such property in Stripe.net (API 2026-10-28.endive)",
                "$.data.previous_attributes.paid: Invoice has no such property in Stripe.net (API 2026-10-28.endive)",
            ],
            problems);
    }

    [Fact]
    public async Task A_missing_field_our_code_reads_fails()
    {
        var invoice = await PaidInvoiceAsync();
        invoice.Remove("amount_remaining");
        invoice["payments"]!["data"]![0]!["payment"]!.AsObject().Remove("payment_intent");

        var problems = StripeModelCheck.Check(invoice, typeof(Invoice));

        Assert.Equal(
            [
                "$: invoice lacks amount_remaining, which our code reads",
                "$.payments.data[0]: invoice_payment lacks payment.payment_intent, which our code reads",
            ],
            problems);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_fails_to_deserialize()
    {
        var problems = StripeModelCheck.Check(JsonNode.Parse("""{"id":"cus_1","object":"customer","balance":"lots"}""")!, typeof(Customer));

        Assert.Contains(problems, p => p.StartsWith("$: does not deserialize into Customer", StringComparison.Ordinal));
    }

    private async Task<JsonObject> PaidInvoiceAsync()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 1200);
        (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).EnsureOk();
        // A copy: the tests spoil it, and the answer itself is checked when the test ends.
        return (JsonObject)(await Stripe.GetAsync($"/v1/invoices/{invoice}?expand[]=payments.data.payment.payment_intent"))
            .EnsureOk().Json.DeepClone();
    }
}
