using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>
/// Every client method, called with every parameter it can send, against the emulator; each request as it went
/// on the wire is checked against Stripe's OpenAPI description of that operation.
/// </summary>
public class StripeClientSpecConformanceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly Dictionary<string, string> Metadata = new() { ["tenant"] = "t1", ["crm id"] = "42" };
    private static readonly StripeAddress Address = new()
    {
        Line1 = "1 Main St", Line2 = "Floor 2", City = "Berlin", PostalCode = "10115", State = "BE", Country = "DE",
    };

    [Fact]
    public async Task Every_parameter_the_client_sends_is_defined_by_the_operation_in_stripes_openapi_description()
    {
        var spec = OpenApiParameterCheck.Load();
        var recorder = new RecordingHandler();
        await DriveEveryMethodAsync(emulator.Client(recorder));

        var problems = new List<string>();
        var operations = new HashSet<string>();
        foreach (var request in recorder.Requests)
        {
            var template = spec.FindOperation(request.Method, request.Path);
            if (template is null)
            {
                problems.Add($"{request.Method} {request.Path} is not an operation of the spec");
                continue;
            }
            operations.Add($"{request.Method} {template}");
            problems.AddRange(spec.UnknownParameters(request.Method, template, request.ParameterNames));
        }

        Assert.Empty(problems);
        Assert.Equal(21, operations.Count);
        var received = await emulator.RequestLogAsync();
        Assert.Equal(recorder.Requests.Count, received.Count);
        Assert.All(received, r => Assert.Equal("2023-08-16", r.GetProperty("stripe_version").GetString()));
        Assert.All(received.Where(r => r.GetProperty("method").GetString() == "POST"),
            r => Assert.False(string.IsNullOrEmpty(r.GetProperty("idempotency_key").GetString())));
    }

    [Fact]
    public void Custom_credit_note_lines_which_the_emulator_does_not_price_still_encode_to_defined_names()
    {
        var spec = OpenApiParameterCheck.Load();
        var request = new CreditNoteCreateRequest
        {
            Invoice = "in_1", CreditAmount = 500,
            Lines = [new CreditNoteLineRequest { Type = "custom_line_item", Description = "Goodwill", Quantity = 2, UnitAmount = 250 }],
        };

        var names = request.ToForm().Pairs.Select(p => p.Key).ToList();

        Assert.Contains("lines[0][unit_amount]", names);
        Assert.Empty(spec.UnknownParameters("POST", "/v1/credit_notes", names));
    }

    private static async Task DriveEveryMethodAsync(StripeClient client)
    {
        var steps = new BillingSteps(client);
        var now = DateTimeOffset.UtcNow;
        var customer = await client.Customers.CreateAsync(new CustomerCreateRequest
        {
            Name = "Grace Hopper", Email = $"{steps.Run}@example.com", Description = "Spec check", Phone = "+49301234567",
            Address = Address, PaymentMethod = "pm_card_visa",
            InvoiceSettings = new CustomerInvoiceSettingsRequest { Footer = "Thanks" },
            PreferredLocales = ["de", "en"], Metadata = Metadata,
        }, steps.Key("customer"));
        var card = await client.PaymentMethods.AttachAsync("pm_card_mastercard",
            new PaymentMethodAttachRequest { Customer = customer.Id }, steps.Key("attach"));
        await client.PaymentMethods.RetrieveAsync(card.Id);
        await client.Customers.UpdateAsync(customer.Id, new CustomerUpdateRequest
        {
            Name = "Grace B. Hopper", Email = $"{steps.Run}@example.org", Description = "Updated", Phone = "+49301234568",
            Address = Address with { Line2 = "" },
            InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = card.Id, Footer = "Danke" },
            PreferredLocales = ["de"], Metadata = new Dictionary<string, string> { ["tenant"] = "" },
        }, steps.Key("update"));
        await client.Customers.RetrieveAsync(customer.Id);
        await client.Customers.ListAsync(new CustomerListRequest
        {
            Email = $"{steps.Run}@example.org", Created = new StripeTimeRange { AtOrAfter = now.AddHours(-1), Before = now.AddHours(1) },
            Limit = 5, StartingAfter = null,
        });
        await client.SetupIntents.CreateAsync(new SetupIntentCreateRequest
        {
            Customer = customer.Id, PaymentMethodTypes = ["card"], Usage = "off_session", Description = "New card", Metadata = Metadata,
        }, steps.Key("setup"));

        var item = await client.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
        {
            Customer = customer.Id, Amount = 12000, Currency = "eur", Description = "Retainer",
            Period = new StripePeriod { Start = now.AddDays(-30), End = now }, Metadata = Metadata,
        }, steps.Key("item"));
        var invoice = await client.Invoices.CreateAsync(new InvoiceCreateRequest
        {
            Customer = customer.Id, CollectionMethod = "charge_automatically", AutoAdvance = false,
            PendingInvoiceItemsBehavior = "include", Currency = "eur", DefaultPaymentMethod = card.Id,
            Description = "November", Footer = "Payable now", Metadata = Metadata,
        }, steps.Key("invoice"));
        await client.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
        {
            Customer = customer.Id, Amount = 500, Currency = "eur", Invoice = invoice.Id,
        }, steps.Key("item-on-invoice"));
        var open = await client.Invoices.FinalizeAsync(invoice.Id, new InvoiceFinalizeRequest { AutoAdvance = false }, steps.Key("finalize"));
        var paid = await client.Invoices.PayAsync(open.Id,
            new InvoicePayRequest { PaymentMethod = card.Id, OffSession = true }, steps.Key("pay"));
        await client.Invoices.RetrieveAsync(paid.Id);
        await client.Invoices.ListAsync(new InvoiceListRequest
        {
            Customer = customer.Id, Status = "paid", CollectionMethod = "charge_automatically",
            Created = new StripeTimeRange { After = now.AddHours(-1), AtOrBefore = now.AddHours(1) }, Limit = 10,
        });
        await client.Refunds.CreateAsync(new RefundCreateRequest
        {
            Charge = paid.Charge, Amount = 100, Reason = "requested_by_customer", Metadata = Metadata,
        }, steps.Key("refund"));
        await client.CreditNotes.CreateAsync(new CreditNoteCreateRequest
        {
            Invoice = paid.Id, Lines = [new CreditNoteLineRequest { Type = "invoice_line_item", InvoiceLineItem = paid.Lines.Data[0].Id, Amount = 200 }],
            Reason = "order_change", Memo = "Goodwill", RefundAmount = 200, Metadata = Metadata,
        }, steps.Key("credit-note"));
        await client.CreditNotes.CreateAsync(new CreditNoteCreateRequest
        {
            Invoice = paid.Id, Amount = 300, OutOfBandAmount = 300,
        }, steps.Key("credit-note-oob"));

        var sendInvoice = await client.Invoices.CreateAsync(new InvoiceCreateRequest
        {
            Customer = customer.Id, CollectionMethod = "send_invoice", DaysUntilDue = 30, Currency = "eur",
        }, steps.Key("send-invoice"));
        await client.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
        {
            Customer = customer.Id, Amount = 700, Currency = "eur", Invoice = sendInvoice.Id,
        }, steps.Key("send-invoice-item"));
        await client.Invoices.FinalizeAsync(sendInvoice.Id, new InvoiceFinalizeRequest(), steps.Key("send-invoice-finalize"));
        await client.Invoices.SendAsync(sendInvoice.Id, steps.Key("send"));
        await client.Invoices.VoidAsync(sendInvoice.Id, steps.Key("void"));
        var dueInvoice = await client.Invoices.CreateAsync(new InvoiceCreateRequest
        {
            Customer = customer.Id, CollectionMethod = "send_invoice", DueDate = now.AddDays(14), Currency = "eur",
        }, steps.Key("due-invoice"));
        await client.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
        {
            Customer = customer.Id, Amount = 900, Currency = "eur", Invoice = dueInvoice.Id,
        }, steps.Key("due-invoice-item"));
        await client.Invoices.FinalizeAsync(dueInvoice.Id, new InvoiceFinalizeRequest(), steps.Key("due-invoice-finalize"));
        await client.Invoices.MarkUncollectibleAsync(dueInvoice.Id, steps.Key("uncollectible"));

        await client.BillingPortalSessions.CreateAsync(new BillingPortalSessionCreateRequest
        {
            Customer = customer.Id, ReturnUrl = "https://crm.example.com/billing", Locale = "de",
        }, steps.Key("portal"));
        var events = await client.Events.ListAsync(new EventListRequest
        {
            Type = "invoice.*", Created = new StripeTimeRange { AtOrAfter = now.AddHours(-1) }, Limit = 3, DeliverySuccess = true,
        });
        var page = await client.Events.ListAsync(new EventListRequest { Types = ["invoice.paid", "customer.created"], Limit = 1 });
        if (page.Data.Count > 0)
        {
            await client.Events.ListAsync(new EventListRequest { Types = ["invoice.paid", "customer.created"], Limit = 1, StartingAfter = page.Data[0].Id });
            await client.Events.ListAsync(new EventListRequest { Limit = 1, EndingBefore = page.Data[0].Id });
        }
        await client.Events.RetrieveAsync((events.Data.Count > 0 ? events.Data : page.Data)[0].Id);
    }
}
