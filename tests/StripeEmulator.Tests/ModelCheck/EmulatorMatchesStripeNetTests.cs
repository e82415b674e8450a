using System.Net;
using System.Text.Json.Nodes;
using Stripe;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.ModelCheck;

/// <summary>
/// Stripe.net 53 (API 2026-10-28.endive) runs every call the billing backend makes against the emulator. Then every
/// response body it received and every webhook the emulator sent is checked with <see cref="StripeModelCheck"/>:
/// Stripe.net's type, no field its model lacks, and the fields our code reads.
/// </summary>
public sealed class EmulatorMatchesStripeNetTests : IAsyncLifetime
{
    private const string Secret = "whsec_model_check";
    private const string ConnectedAccount = "acct_modelcheck";
    private readonly RecordingHandler _recorder = new();
    private WebhookReceiver _receiver = null!;
    private RunningEmulator _emulator = null!;
    private StripeClient _stripe = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions
        {
            RateLimitPerSecond = null,
            WebhookTargets = [new WebhookTarget(_receiver.Url, Secret)],
            WebhookRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        _http = new HttpClient(_recorder);
        _stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_model_check",
            ApiBase = _emulator.BaseUrl.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(_http, maxNetworkRetries: 0, enableTelemetry: false),
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Every_response_and_every_event_of_a_billing_flow_matches_Stripe_net_models()
    {
        await RunBillingFlowAsync();

        var eventCount = 0;
        foreach (var account in new[] { null, ConnectedAccount })
        {
            var options = new RequestOptions { StripeAccount = account };
            await foreach (var _ in _stripe.V1.Events.ListAutoPagingAsync(new EventListOptions { Limit = 100 }, options)) eventCount++;
        }
        var deliveries = await _receiver.WaitForAsync(d => d.Count >= eventCount);
        var responses = _recorder.Exchanges.ToList();
        var problems = responses.SelectMany(r => StripeModelCheck.CheckResponse(r.PathAndQuery, JsonNode.Parse(r.Body)!)
            .Select(p => $"{r.Method} {r.PathAndQuery} → {p}"))
            .Concat(deliveries.SelectMany(d => EventProblems(d.Body, d.Signature)))
            .Distinct()
            .ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} differences from Stripe.net's models:\n" + string.Join("\n", problems));
        Assert.True(responses.Count >= 30, $"only {responses.Count} responses were checked");
        Assert.Equal(eventCount, deliveries.Count);
        Assert.Contains(responses, r => r.Status == HttpStatusCode.PaymentRequired);
    }

    /// <summary>Every call the backend makes, with the parameters it sends, through Stripe.net's own services.</summary>
    private async Task RunBillingFlowAsync()
    {
        var v1 = _stripe.V1;
        var customer = await v1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "flow@example.com", Name = "Model Check", Metadata = new() { ["tenant"] = "t1" },
            Address = new AddressOptions { Line1 = "1 Main St", City = "Springfield", Country = "US", PostalCode = "12345" },
        }, new RequestOptions { IdempotencyKey = "customer-1" });
        var card = await v1.PaymentMethods.AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
        await v1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id, Footer = "Thanks" },
        });
        Assert.Equal(card.Id, (await v1.Customers.GetAsync(customer.Id)).InvoiceSettings.DefaultPaymentMethodId);
        Assert.Single(await v1.Customers.ListAsync(new CustomerListOptions { Email = "flow@example.com" }));
        await v1.PaymentMethods.GetAsync(card.Id);
        await v1.Customers.CreateAsync(new CustomerCreateOptions { Email = "connected@example.com" },
            new RequestOptions { StripeAccount = ConnectedAccount });

        // Invoice → finalize → pay; the payment is read back the endive way.
        var item = await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id, Amount = 4200, Currency = "usd", Description = "Consulting",
            Period = new InvoiceItemPeriodOptions { Start = DateTime.UtcNow.AddDays(-30), End = DateTime.UtcNow },
            Metadata = new() { ["line"] = "1" },
        }, new RequestOptions { IdempotencyKey = "item-1" });
        await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, UnitAmountDecimal = 150m,
            Quantity = 2, Currency = "usd" });
        var draft = await v1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id, AutoAdvance = false, PendingInvoiceItemsBehavior = "include", Description = "March",
            Footer = "Footer", Metadata = new() { ["run"] = "r1" },
        });
        Assert.Equal(item.Id, draft.Lines.Data.First().Parent.InvoiceItemDetails.InvoiceItem);
        await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = 100,
            Currency = "usd", Invoice = draft.Id });
        var open = await v1.Invoices.FinalizeInvoiceAsync(draft.Id, new InvoiceFinalizeOptions { AutoAdvance = false });
        var paid = await v1.Invoices.PayAsync(open.Id, new InvoicePayOptions
        {
            OffSession = true, Expand = ["payments.data.payment.payment_intent"],
        });
        var intent = paid.Payments.Data.Single().Payment.PaymentIntent;
        Assert.Equal(("paid", 4600L, "succeeded"), (paid.Status, paid.AmountPaid, intent.Status));
        var withCharge = await v1.PaymentIntents.GetAsync(intent.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        await v1.Invoices.GetAsync(paid.Id, new InvoiceGetOptions { Expand = ["payments", "customer"] });
        var page = await v1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer.Id, Status = "paid", Limit = 1 });
        await v1.Invoices.ListAsync(new InvoiceListOptions
        {
            Customer = customer.Id, CollectionMethod = "charge_automatically", Limit = 1, StartingAfter = page.Data[0].Id,
            Created = new DateRangeOptions { GreaterThanOrEqual = DateTime.UtcNow.AddHours(-1) },
        });
        await v1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 500, Reason = "requested_by_customer" });
        await v1.CreditNotes.CreateAsync(new CreditNoteCreateOptions { Invoice = paid.Id, Amount = 1000, RefundAmount = 600,
            CreditAmount = 400, Memo = "Sorry" });
        Assert.Equal(withCharge.LatestChargeId, (await v1.Refunds.CreateAsync(new RefundCreateOptions { Charge = withCharge.LatestChargeId,
            Amount = 100 })).ChargeId);
        var refunded = await v1.PaymentIntents.GetAsync(intent.Id, new PaymentIntentGetOptions { Expand = ["latest_charge.refunds"] });
        Assert.Equal((1200L, 3), (refunded.LatestCharge.AmountRefunded, refunded.LatestCharge.Refunds.Data.Count));
        var byIntent = await v1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
        {
            Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = intent.Id },
        });
        Assert.Equal(paid.Id, (await v1.InvoicePayments.GetAsync(byIntent.Single().Id)).InvoiceId);
        await v1.BillingPortal.Sessions.CreateAsync(new Stripe.BillingPortal.SessionCreateOptions { Customer = customer.Id,
            ReturnUrl = "https://crm.example.com" });
        await v1.SetupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id, PaymentMethod = "pm_card_mastercard", Confirm = true, Usage = "off_session", AllowedPaymentMethodTypes = ["card"],
        });

        // A decline: the 402's error, then the decline code the endive way.
        var failing = await v1.Customers.CreateAsync(new CustomerCreateOptions { Email = "declined@example.com",
            PaymentMethod = "pm_card_chargeCustomerFail" });
        await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = failing.Id, Amount = 3100, Currency = "usd" });
        var failingInvoice = await v1.Invoices.CreateAsync(new InvoiceCreateOptions { Customer = failing.Id,
            PendingInvoiceItemsBehavior = "include" });
        var declined = await Assert.ThrowsAsync<StripeException>(() => v1.Invoices.PayAsync(failingInvoice.Id,
            new InvoicePayOptions { PaymentMethod = "pm_card_chargeDeclinedInsufficientFunds" }));
        Assert.Equal(("card_declined", "insufficient_funds"), (declined.StripeError.Code, declined.StripeError.DeclineCode));
        var afterDecline = await v1.Invoices.GetAsync(failingInvoice.Id, new InvoiceGetOptions { Expand = ["payments.data.payment.payment_intent"] });
        var error = afterDecline.Payments.Data.Single().Payment.PaymentIntent.LastPaymentError;
        Assert.Equal(("card_declined", "insufficient_funds", "Your card has insufficient funds."), (error.Code, error.DeclineCode, error.Message));
        await v1.PaymentIntents.GetAsync(afterDecline.Payments.Data.Single().Payment.PaymentIntentId);
        await v1.Invoices.VoidInvoiceAsync(failingInvoice.Id);

        // send_invoice, out-of-band payment, uncollectible.
        await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = 800, Currency = "usd" });
        var sent = await v1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id, CollectionMethod = "send_invoice", DaysUntilDue = 14, PendingInvoiceItemsBehavior = "include",
        });
        await v1.Invoices.SendInvoiceAsync(sent.Id);
        await v1.Invoices.PayAsync(sent.Id, new InvoicePayOptions { PaidOutOfBand = true });
        var offStripe = await v1.Invoices.GetAsync(sent.Id, new InvoiceGetOptions { Expand = ["amount_paid_off_stripe"] });
        // 800 less the 400 of credit the credit note above left on the customer.
        Assert.Equal((400L, 400L, 400L), (offStripe.AmountDue, offStripe.AmountPaid, offStripe.AmountPaidOffStripe));
        await v1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = 300, Currency = "usd" });
        var doubtful = await v1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id, CollectionMethod = "send_invoice", DueDate = DateTime.UtcNow.AddDays(7), PendingInvoiceItemsBehavior = "include",
        });
        await v1.Invoices.FinalizeInvoiceAsync(doubtful.Id);
        await v1.Invoices.MarkUncollectibleAsync(doubtful.Id);
        await v1.CreditNotes.CreateAsync(new CreditNoteCreateOptions
        {
            Invoice = doubtful.Id,
            Lines = [new CreditNoteLineOptions { Type = "custom_line_item", Description = "Goodwill", UnitAmount = 100, Quantity = 1 }],
        });

        // Catching up on events.
        var events = await v1.Events.ListAsync(new EventListOptions { Types = ["invoice.*", "customer.updated"], Limit = 5 });
        await v1.Events.GetAsync(events.Data[0].Id);
        await v1.Events.ListAsync(new EventListOptions
        {
            Type = "invoice.payment_failed", Created = new DateRangeOptions { GreaterThan = DateTime.UtcNow.AddHours(-1) }, DeliverySuccess = true,
        });
    }

    private static IEnumerable<string> EventProblems(string body, string signature)
    {
        Event parsed;
        try
        {
            parsed = EventUtility.ConstructEvent(body, signature, Secret);
        }
        catch (StripeException e)
        {
            return [$"webhook rejected by EventUtility.ConstructEvent: {e.Message}"];
        }
        return StripeModelCheck.Check(JsonNode.Parse(body)!, typeof(Event)).Select(p => $"webhook {parsed.Type} {parsed.Id} → {p}");
    }
}
