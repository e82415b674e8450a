using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Tests.EndToEnd;

/// <summary>
/// Azurite, the Stripe emulator and the app on real ports, wired as the run command wires them: an invoice paid in
/// the emulator reaches the app as a signed webhook, is stored and applied once, and a redelivery changes nothing.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class InvoicePaidWebhookTests : IAsyncLifetime
{
    private readonly string _tenant = Azurite.UniqueName("e2e");
    private readonly string _secret = StripeSignature.NewSecret();
    private LiveStack _stack = null!;
    private StripeAccount _stripe = null!;

    public async Task InitializeAsync()
    {
        _stack = await LiveStack.StartAsync("--Stripe:ApiKey=sk_test_e2e", $"--Tenants:{_tenant}:WebhookSecrets={_secret}");
        await _stack.ForwardWebhooksAsync(_tenant, _secret);
        _stripe = _stack.Stripe("sk_test_e2e");
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private async Task<string> PayAnInvoiceAsync()
    {
        var key = Guid.NewGuid().ToString("N");
        var customer = await _stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Name = "Ada", PaymentMethod = "pm_card_visa" },
            _stripe.Write(key + "c"));
        await _stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = 12_500, Currency = "eur" },
            _stripe.Write(key + "ii"));
        var invoice = await _stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id,
            PendingInvoiceItemsBehavior = "include" }, _stripe.Write(key + "in"));
        await _stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions(), _stripe.Write(key + "fin"));
        await _stripe.V1.Invoices.PayAsync(invoice.Id, new InvoicePayOptions { PaymentMethod = "pm_card_visa" }, _stripe.Write(key + "pay"));
        var events = await _stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.paid", Limit = 10 }, _stripe.Read());
        return events.Data.Single(e => e.ObjectId() == invoice.Id).Id;
    }

    private async Task<List<JsonNode>> SuccessfulDeliveriesAsync(string eventId)
    {
        var log = await _stack.Http.GetFromJsonAsync<JsonNode>(new Uri(_stack.Emulator.BaseUrl, $"_emulator/webhooks/deliveries?event={eventId}"));
        return log!["data"]!.AsArray().Where(d => d!["status"]?.GetValue<int>() == 200).Select(d => d!).ToList();
    }

    private async Task<List<TableEntity>> EventRowsAsync()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(StorageAccounts.DefaultBillingTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_tenant}"))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task An_invoice_paid_in_the_emulator_is_recorded_and_applied_exactly_once_even_when_delivered_twice()
    {
        var store = _stack.App.Services.GetRequiredService<StripeEventStore>();
        var eventId = await PayAnInvoiceAsync();

        await Eventually.TrueAsync(async () => (await store.GetAsync(_tenant, eventId, CancellationToken.None))?.AppliedAt is not null,
            "the invoice.paid event is stored and applied");
        var first = (await store.GetAsync(_tenant, eventId, CancellationToken.None))!;

        await _stack.RedeliverAsync(eventId);
        await Eventually.TrueAsync(async () => (await SuccessfulDeliveriesAsync(eventId)).Count >= 2, "the emulator delivered the event twice");
        await Task.Delay(1000);

        var again = (await store.GetAsync(_tenant, eventId, CancellationToken.None))!;
        Assert.Equal("invoice.paid", again.Type);
        Assert.Equal(eventId, JsonNode.Parse(again.Payload)!["id"]!.GetValue<string>());
        Assert.Equal(first.AppliedAt, again.AppliedAt);
        Assert.Equal(first.ReceivedAt, again.ReceivedAt);
        var rows = await EventRowsAsync();
        Assert.Single(rows, r => r.RowKey == StripeEventStore.RowKey(eventId));
        Assert.Equal(rows.Count, rows.Select(r => r.RowKey).Distinct().Count());
    }
}
