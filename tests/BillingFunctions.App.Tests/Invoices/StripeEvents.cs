using System.Text.Json;
using Stripe;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Invoice events shaped as Stripe delivers them at the API version Stripe.net pins.</summary>
internal static class StripeEvents
{
    public static Event Invoice(string eventId, string type, string stripeInvoiceId, string ourInvoiceId, string status,
        long total, long amountPaid, DateTimeOffset created, int attemptCount = 0)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = eventId, ["object"] = "event", ["type"] = type, ["created"] = created.ToUnixTimeSeconds(),
            ["api_version"] = StripeConfiguration.ApiVersion, ["livemode"] = false, ["pending_webhooks"] = 1,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?>
                {
                    ["id"] = stripeInvoiceId, ["object"] = "invoice", ["status"] = status, ["customer"] = "cus_test",
                    ["currency"] = "eur", ["amount_due"] = total, ["amount_paid"] = amountPaid, ["amount_remaining"] = total - amountPaid,
                    ["subtotal"] = total, ["total"] = total, ["attempt_count"] = attemptCount, ["collection_method"] = "send_invoice",
                    ["number"] = "ACME-0001", ["hosted_invoice_url"] = $"https://invoice.stripe.test/{stripeInvoiceId}",
                    ["created"] = created.ToUnixTimeSeconds() - 60,
                    ["metadata"] = new Dictionary<string, string> { ["billing_invoice_id"] = ourInvoiceId },
                    ["lines"] = new Dictionary<string, object?> { ["object"] = "list", ["data"] = Array.Empty<object>(), ["has_more"] = false,
                        ["url"] = "/v1/invoice_lines" },
                },
            },
        };
        return EventUtility.ParseEvent(JsonSerializer.Serialize(json));
    }
}
