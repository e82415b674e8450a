using System.Text.Json.Nodes;

namespace StripeEmulator.Tests.ModelCheck;

/// <summary>
/// The fields the billing backend reads from each kind of Stripe object, by the object's <c>object</c> name, in the
/// shape of 2026-10-28.endive. Every object of that kind the emulator sends, at any depth (expanded, in a list, in an
/// event), must have them, even if null. A path goes through objects that are always there.
/// </summary>
public static class FieldsOurCodeReads
{
    public static readonly IReadOnlyDictionary<string, string[]> ByObject = new Dictionary<string, string[]>
    {
        ["customer"] =
        [
            "id", "name", "email", "description", "phone", "address", "currency", "balance", "delinquent",
            "invoice_settings.default_payment_method", "invoice_settings.footer", "metadata", "created", "livemode",
        ],
        ["payment_method"] = ["id", "type", "customer", "card.brand", "card.last4", "card.exp_month", "card.exp_year", "card.funding", "card.country",
            "metadata", "created", "livemode"],
        ["setup_intent"] = ["id", "status", "customer", "payment_method", "client_secret", "last_setup_error"],
        ["invoiceitem"] = ["id", "amount", "currency", "customer", "invoice", "description", "quantity", "period.start",
            "period.end", "metadata", "date"],
        ["invoice"] =
        [
            "id", "status", "customer", "currency", "amount_due", "amount_paid", "amount_remaining", "subtotal", "total", "attempt_count",
            "attempted", "next_payment_attempt", "due_date", "number", "collection_method", "auto_advance", "hosted_invoice_url",
            "invoice_pdf", "default_payment_method", "description", "lines.data", "lines.has_more", "status_transitions.finalized_at",
            "status_transitions.paid_at", "status_transitions.voided_at", "status_transitions.marked_uncollectible_at", "metadata", "created",
            "livemode",
        ],
        // The line's invoice item is in parent since basil (it was line.invoice_item and line.type).
        ["line_item"] = ["id", "amount", "currency", "description", "quantity", "period.start", "period.end", "metadata", "parent.type",
            "parent.invoice_item_details.invoice_item"],
        // How a decline code is found since basil: invoice.payments → payment.payment_intent → last_payment_error.
        ["invoice_payment"] = ["id", "invoice", "status", "amount_paid", "amount_requested", "payment.type", "payment.payment_intent",
            "status_transitions.paid_at"],
        ["payment_intent"] = ["id", "status", "amount", "amount_received", "currency", "customer", "latest_charge", "last_payment_error"],
        ["charge"] = ["id", "amount", "amount_refunded", "currency", "status", "payment_intent", "refunded", "failure_code"],
        ["refund"] = ["id", "amount", "currency", "status", "charge", "payment_intent", "reason"],
        ["credit_note"] = ["id", "number", "amount", "currency", "invoice", "customer", "status", "type", "reason", "memo", "refunds",
            "out_of_band_amount", "metadata", "created"],
        ["billing_portal.session"] = ["id", "url", "customer", "return_url"],
        ["event"] = ["id", "type", "created", "api_version", "livemode", "pending_webhooks", "request.id", "request.idempotency_key", "data.object"],
        ["list"] = ["data", "has_more", "url"],
    };

    /// <summary>"Where: what is missing" for each read field absent from any object in <paramref name="body"/>.</summary>
    public static IEnumerable<string> MissingIn(JsonNode? body, string path = "$")
    {
        switch (body)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var missing in MissingIn(array[i], $"{path}[{i}]")) yield return missing;
                break;
            case JsonObject obj:
                if ((obj["object"] as JsonValue)?.ToString() is { } name && ByObject.TryGetValue(name, out var fields))
                {
                    foreach (var field in fields.Where(f => !Has(obj, f))) yield return $"{path}: {name} lacks {field}, which our code reads";
                }
                foreach (var (key, value) in obj)
                    foreach (var missing in MissingIn(value, $"{path}.{key}")) yield return missing;
                break;
        }
    }

    private static bool Has(JsonObject obj, string dottedPath)
    {
        var current = obj;
        var segments = dottedPath.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (current is null || !current.TryGetPropertyValue(segments[i], out var value)) return false;
            current = value as JsonObject;
        }
        return true;
    }
}
