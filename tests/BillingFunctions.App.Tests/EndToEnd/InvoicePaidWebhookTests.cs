extern alias emulator;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.Storage;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

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
    private readonly string _directory = Directory.CreateTempSubdirectory("e2e-").FullName;
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private WebApplication _app = null!;
    private StripeClient _stripe = null!;

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(200) });
        _app = BillingApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--BILLING_STORAGE={Azurite.ConnectionString}",
            "--Stripe:Mode=emulator",
            $"--Stripe:BaseUrl={_emulator.BaseUrl}",
            "--Stripe:ApiKey=sk_test_e2e",
            $"--Tenants:{_tenant}:WebhookSecrets={_secret}",
            "--LocalTriggers:Enabled=true",
            $"--LocalTriggers:HostJsonPath={TestApp.WriteHostJson(_directory)}",
        ]);
        await _app.StartAsync();
        var appUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var target = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "_emulator/webhooks"),
            new { url = new Uri(appUrl, $"/api/webhooks/stripe/{_tenant}"), secret = _secret });
        target.EnsureSuccessStatusCode();
        _stripe = new StripeClient(_http, new StripeClientOptions { BaseUrl = _emulator.BaseUrl, ApiKey = "sk_test_e2e", RateLimitPerSecond = null });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string> PayAnInvoiceAsync()
    {
        var key = Guid.NewGuid().ToString("N");
        var customer = await _stripe.Customers.CreateAsync(new CustomerCreateRequest { Name = "Ada", PaymentMethod = "pm_card_visa" }, key + "c");
        await _stripe.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest { Customer = customer.Id, Amount = 12_500, Currency = "eur" }, key + "ii");
        var invoice = await _stripe.Invoices.CreateAsync(new InvoiceCreateRequest { Customer = customer.Id, PendingInvoiceItemsBehavior = "include" }, key + "in");
        await _stripe.Invoices.FinalizeAsync(invoice.Id, new InvoiceFinalizeRequest(), key + "fin");
        await _stripe.Invoices.PayAsync(invoice.Id, new InvoicePayRequest { PaymentMethod = "pm_card_visa" }, key + "pay");
        var events = await _stripe.Events.ListAsync(new EventListRequest { Type = "invoice.paid", Limit = 10 });
        return events.Data.Single(e => e.Data.Object.GetProperty("id").GetString() == invoice.Id).Id;
    }

    private async Task<List<JsonNode>> SuccessfulDeliveriesAsync(string eventId)
    {
        var log = await _http.GetFromJsonAsync<JsonNode>(new Uri(_emulator.BaseUrl, $"_emulator/webhooks/deliveries?event={eventId}"));
        return log!["data"]!.AsArray().Where(d => d!["status"]?.GetValue<int>() == 200).Select(d => d!).ToList();
    }

    private async Task<List<TableEntity>> EventRowsAsync()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(StripeEventStore.TableName);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {_tenant}"))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task An_invoice_paid_in_the_emulator_is_recorded_and_applied_exactly_once_even_when_delivered_twice()
    {
        var store = _app.Services.GetRequiredService<StripeEventStore>();
        var eventId = await PayAnInvoiceAsync();

        await Eventually.TrueAsync(async () => (await store.GetAsync(_tenant, eventId, CancellationToken.None))?.AppliedAt is not null,
            "the invoice.paid event is stored and applied");
        var first = (await store.GetAsync(_tenant, eventId, CancellationToken.None))!;

        using var redeliver = await _http.PostAsync(new Uri(_emulator.BaseUrl, $"_emulator/events/{eventId}/redeliver"), null);
        redeliver.EnsureSuccessStatusCode();
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
