using System.Text.Json;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

public class StripeEventTests
{
    private const string InvoiceUpdated = """
        {
          "id": "evt_1NzY", "object": "event", "api_version": "2023-08-16", "created": 1760000000,
          "account": "acct_123", "livemode": false, "pending_webhooks": 1,
          "request": { "id": "req_9", "idempotency_key": "dunning:in_1:2" },
          "type": "invoice.updated",
          "data": {
            "object": {
              "id": "in_1", "object": "invoice", "status": "open", "customer": "cus_1", "currency": "eur",
              "amount_due": 1999, "amount_paid": 0, "amount_remaining": 1999, "subtotal": 1999, "total": 1999,
              "attempt_count": 2, "next_payment_attempt": 1760259200, "collection_method": "charge_automatically",
              "created": 1759990000, "some_field_we_do_not_model": { "x": 1 },
              "lines": { "object": "list", "data": [], "has_more": false, "url": "/v1/invoices/in_1/lines" }
            },
            "previous_attributes": { "attempt_count": 1 }
          }
        }
        """;

    [Fact]
    public void The_envelope_is_parsed_with_timestamps_and_the_raw_object()
    {
        var evt = StripeEvent.Parse(InvoiceUpdated);

        Assert.Equal("evt_1NzY", evt.Id);
        Assert.Equal("invoice.updated", evt.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000000), evt.Created);
        Assert.Equal("2023-08-16", evt.ApiVersion);
        Assert.Equal("acct_123", evt.Account);
        Assert.False(evt.Livemode);
        Assert.Equal("dunning:in_1:2", evt.Request?.IdempotencyKey);
        Assert.Equal("invoice", evt.Data.ObjectType);
        Assert.Equal(1, evt.Data.PreviousAttributes!.Value.GetProperty("attempt_count").GetInt32());
    }

    [Fact]
    public void The_object_reads_as_a_typed_invoice_and_unknown_fields_are_ignored()
    {
        var invoice = StripeEvent.Parse(InvoiceUpdated).Data.ObjectAs<StripeInvoice>();

        Assert.Equal("in_1", invoice.Id);
        Assert.Equal(1999, invoice.AmountRemaining);
        Assert.Equal(2, invoice.AttemptCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760259200), invoice.NextPaymentAttempt);
        Assert.Null(invoice.DueDate);
    }

    [Fact]
    public void Expanded_references_read_as_their_ids()
    {
        var invoice = JsonSerializer.Deserialize<StripeInvoice>(
            """
            {"id":"in_2","currency":"usd","amount_due":5,"amount_paid":5,"amount_remaining":0,"subtotal":5,"total":5,
             "attempt_count":1,"collection_method":"charge_automatically","created":1,
             "customer":{"id":"cus_9","object":"customer"},"charge":"ch_1"}
            """, StripeJson.Options)!;

        Assert.Equal("cus_9", invoice.Customer);
        Assert.Equal("ch_1", invoice.Charge);
    }

    [Fact]
    public void A_body_that_is_not_an_event_fails_to_parse()
    {
        Assert.ThrowsAny<JsonException>(() => StripeEvent.Parse("""{"object":"event"}"""));
    }
}
