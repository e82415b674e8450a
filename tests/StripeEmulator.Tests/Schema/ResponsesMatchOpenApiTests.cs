using System.Net;
using System.Text.Json.Nodes;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Schema;

/// <summary>Every answer the emulator gives must validate against Stripe's published schemas for API version 2023-08-16.</summary>
public sealed class ResponsesMatchOpenApiTests : EmulatorTest
{
    private readonly OpenApiSpec _spec = OpenApiSpec.Instance;

    [Fact]
    public async Task Every_response_of_a_whole_billing_flow_matches_the_spec()
    {
        await DriveWholeFlowAsync();

        var validator = new SchemaValidator(_spec.Schemas);
        var failures = new List<string>();
        foreach (var response in Stripe.Responses)
        {
            var schema = response.Status == HttpStatusCode.OK ? _spec.ResponseSchema(response.Method, response.Path) : _spec.ErrorSchema;
            failures.AddRange(validator.Validate(response.Body, schema).Select(e => $"{response.Method} {response.Path} ({(int)response.Status}): {e}"));
        }
        Assert.True(Stripe.Responses.Count > 30, "the flow should exercise many responses");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_event_object_matches_the_schema_of_its_type()
    {
        await DriveWholeFlowAsync();

        var validator = new SchemaValidator(_spec.Schemas);
        var failures = new List<string>();
        var types = new HashSet<string>();
        string? cursor = null;
        do
        {
            var page = (await Stripe.GetAsync("/v1/events?limit=100" + (cursor is null ? "" : $"&starting_after={cursor}"))).EnsureOk();
            foreach (var e in page.Json["data"]!.AsArray())
            {
                var type = e!["type"]!.ToString();
                types.Add(type);
                var obj = e["data"]!["object"]!;
                var schema = _spec.Schemas[obj["object"]!.ToString()] ?? throw new InvalidOperationException($"No schema for {obj["object"]}");
                failures.AddRange(validator.Validate(obj, schema).Select(err => $"{type} {e["id"]}: {err}"));
                cursor = e["id"]!.ToString();
            }
            if (page.Json["has_more"]!.GetValue<bool>() == false) cursor = null;
        }
        while (cursor is not null);

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string>
        {
            "customer.created", "customer.updated", "payment_method.attached", "invoiceitem.created", "invoice.created", "invoice.finalized",
            "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "invoice.updated", "invoice.voided",
            "invoice.marked_uncollectible", "invoice.sent", "charge.succeeded", "charge.failed", "payment_intent.succeeded",
            "payment_intent.payment_failed", "refund.created", "credit_note.created", "setup_intent.succeeded",
        }, types);
    }

    [Fact]
    public void The_validator_rejects_objects_that_break_the_schema()
    {
        var validator = new SchemaValidator(_spec.Schemas);
        var customer = _spec.Schemas["customer"]!;
        Assert.NotEmpty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"customer","livemode":false}"""), customer)); // created missing
        Assert.NotEmpty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"invoice","created":1,"livemode":false}"""), customer)); // enum
        Assert.NotEmpty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"customer","created":"1","livemode":false}"""), customer)); // type
        Assert.NotEmpty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"customer","created":1,"livemode":false,"shoe_size":9}"""), customer));
        Assert.NotEmpty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"customer","created":1,"livemode":false,"metadata":{"a":1}}"""), customer));
        Assert.Empty(validator.Validate(JsonNode.Parse("""{"id":"cus_1","object":"customer","created":1,"livemode":false,"email":null}"""), customer));
    }

    private async Task DriveWholeFlowAsync()
    {
        var s = Stripe;
        var customer = (await s.PostAsync("/v1/customers", ("email", "ada@example.com"), ("name", "Ada"), ("metadata[crm_id]", "42"),
            ("address[city]", "London"), ("preferred_locales[]", "en"))).EnsureOk().Id;
        await s.GetAsync($"/v1/customers/{customer}");
        await s.GetAsync("/v1/customers?limit=2&email=ada@example.com");
        await s.GetAsync("/v1/customers/cus_missing");
        await s.PostAsync("/v1/customers", ("favourite_colour", "blue"));

        var pm = (await s.PostAsync("/v1/payment_methods/pm_card_visa/attach", ("customer", customer))).EnsureOk().Id;
        await s.GetAsync($"/v1/payment_methods/{pm}");
        await s.PostAsync("/v1/payment_methods/pm_card_chargeDeclined/attach", ("customer", customer));
        await s.PostAsync($"/v1/customers/{customer}", ("invoice_settings[default_payment_method]", pm), ("description", "VIP"));
        await s.PostAsync("/v1/setup_intents", ("customer", customer), ("payment_method", "pm_card_mastercard"), ("confirm", "true"), ("usage", "off_session"));
        await s.PostAsync("/v1/setup_intents", ("customer", customer));
        await s.PostAsync("/v1/billing_portal/sessions", ("customer", customer), ("return_url", "https://crm.example.com/back"));

        // Paid invoice, with expansions.
        await s.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "1200"), ("currency", "usd"), ("description", "Setup"), ("metadata[line]", "1"));
        await s.PostAsync("/v1/invoiceitems", ("customer", customer), ("unit_amount", "300"), ("quantity", "2"), ("currency", "usd"));
        var paid = (await s.PostAsync("/v1/invoices", ("customer", customer), ("pending_invoice_items_behavior", "include"), ("metadata[order]", "7"))).EnsureOk().Id;
        await s.PostAsync($"/v1/invoices/{paid}/finalize");
        await s.PostAsync($"/v1/invoices/{paid}/pay", ("expand[]", "payment_intent"), ("expand[]", "charge"));
        await s.GetAsync($"/v1/invoices/{paid}?expand[]=payment_intent.latest_charge&expand[]=customer");
        await s.PostAsync($"/v1/invoices/{paid}/void");
        var charge = (await s.GetAsync($"/v1/invoices/{paid}")).Json["charge"]!.ToString();
        await s.PostAsync("/v1/refunds", ("charge", charge), ("amount", "500"), ("reason", "requested_by_customer"));
        await s.PostAsync("/v1/credit_notes", ("invoice", paid), ("amount", "300"), ("refund_amount", "300"), ("memo", "Goodwill"));

        // Declined payment, then marked uncollectible.
        var failing = await s.CustomerWithDefaultCardAsync("pm_card_chargeCustomerFail");
        var declined = await s.OpenInvoiceAsync(failing, 4000);
        await s.PostAsync($"/v1/invoices/{declined}/pay");
        await s.PostAsync($"/v1/invoices/{declined}/pay", ("payment_method", "pm_card_chargeDeclinedInsufficientFunds"));
        await s.PostAsync($"/v1/invoices/{declined}/mark_uncollectible");

        // send_invoice: sent, credited before payment, voided.
        var sent = await s.OpenInvoiceAsync(customer, 999, "usd", ("collection_method", "send_invoice"), ("days_until_due", "30"));
        await s.PostAsync($"/v1/invoices/{sent}/send");
        await s.PostAsync("/v1/credit_notes", ("invoice", sent), ("amount", "99"), ("reason", "order_change"));
        await s.PostAsync("/v1/credit_notes", ("invoice", sent), ("lines[0][type]", "custom_line_item"), ("lines[0][description]", "Fix"),
            ("lines[0][unit_amount]", "50"), ("lines[0][quantity]", "2"), ("metadata[why]", "typo"));
        await s.PostAsync($"/v1/invoices/{sent}/void");
        await s.PostAsync($"/v1/invoices/{sent}/void");

        // Draft invoices, lists, events.
        await s.PostAsync("/v1/invoices", ("customer", customer), ("collection_method", "send_invoice"), ("due_date", "1900000000"), ("description", "Draft"));
        await s.GetAsync($"/v1/invoices?customer={customer}&limit=3");
        await s.GetAsync("/v1/invoices?status=open");
        await s.GetAsync($"/v1/invoices?customer={customer}&expand[]=data.payment_intent");
        var events = (await s.GetAsync("/v1/events?limit=5")).EnsureOk();
        await s.GetAsync($"/v1/events/{events.Json["data"]![0]!["id"]}");
        await s.GetAsync("/v1/events?type=invoice.*&limit=3");
        await s.GetAsync("/v1/events?types[]=charge.failed&types[]=charge.succeeded");
    }
}
