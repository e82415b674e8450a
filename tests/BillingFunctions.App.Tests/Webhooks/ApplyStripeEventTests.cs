using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Tests.Webhooks;

/// <summary>The apply-stripe-event queue function, fired by the local queue runner against Azurite.</summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class ApplyStripeEventTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apply-").FullName;
    private readonly string _tenant = Azurite.UniqueName("t");
    private readonly string _secret = StripeSignature.NewSecret();
    private readonly TestApp _app;

    public ApplyStripeEventTests()
    {
        _app = TestApp.Create(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            [$"Tenants:{_tenant}:WebhookSecrets"] = _secret,
        }, running: ["apply-stripe-event"], hostJson: TestApp.WriteHostJson(_directory, maxDequeueCount: 2));
    }

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private StripeEventStore Store => _app.Services.GetRequiredService<StripeEventStore>();

    private async Task<HttpResponseMessage> DeliverAsync(string body)
    {
        using var client = _app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("Stripe-Signature", StripeSignature.Header(body, _secret));
        return await client.PostAsync($"/api/webhooks/stripe/{_tenant}", content);
    }

    private async Task<DateTimeOffset> AppliedAtAsync(string eventId)
    {
        DateTimeOffset? appliedAt = null;
        await Eventually.TrueAsync(async () =>
            (appliedAt = (await Store.GetAsync(_tenant, eventId, CancellationToken.None))?.AppliedAt) is not null, $"{eventId} is applied");
        return appliedAt!.Value;
    }

    [Fact]
    public async Task A_delivered_event_is_applied_by_the_queue_function()
    {
        using var response = await DeliverAsync(StripeWebhookTests.EventJson("evt_apply1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AppliedAtAsync("evt_apply1");
        var billing = new TableServiceClient(Azurite.ConnectionString).GetTableClient(StorageAccounts.DefaultBillingTable);
        await Eventually.TrueAsync(async () =>
            await billing.GetEntityOrNullAsync(PendingStripeEvents.Partition, $"{_tenant}|evt_apply1") is null, "the pending mark is cleared");
    }

    [Fact]
    public async Task Redelivering_an_applied_event_leaves_it_applied_once()
    {
        var body = StripeWebhookTests.EventJson("evt_apply2");
        using var first = await DeliverAsync(body);
        var appliedAt = await AppliedAtAsync("evt_apply2");

        using var second = await DeliverAsync(body);
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(appliedAt, (await Store.GetAsync(_tenant, "evt_apply2", CancellationToken.None))!.AppliedAt);
    }

    [Fact]
    public async Task The_same_queue_message_invoked_twice_by_the_host_applies_the_event_once()
    {
        await Store.TryAddAsync(new StoredStripeEvent(_tenant, "evt_apply3", "invoice.paid", "{}", DateTimeOffset.UtcNow,
            null), CancellationToken.None);
        var message = new StripeEventMessage(_tenant, "evt_apply3").ToJson();

        await _app.InvokeAsync("apply-stripe-event", message);
        var appliedAt = (await Store.GetAsync(_tenant, "evt_apply3", CancellationToken.None))!.AppliedAt;
        await _app.InvokeAsync("apply-stripe-event", message);

        Assert.NotNull(appliedAt);
        Assert.Equal(appliedAt, (await Store.GetAsync(_tenant, "evt_apply3", CancellationToken.None))!.AppliedAt);
    }

    [Fact]
    public async Task A_message_for_an_event_that_was_never_stored_ends_in_the_poison_queue()
    {
        var queues = new QueueServiceClient(Azurite.ConnectionString, StorageExtensions.QueueOptions());
        var message = new StripeEventMessage(_tenant, "evt_missing");
        await queues.GetQueueClient(StripeEventMessage.QueueName).SendMessageAsync(message.ToJson());
        var poison = queues.GetQueueClient(StripeEventMessage.QueueName + "-poison");

        await Eventually.TrueAsync(async () =>
        {
            await poison.CreateIfNotExistsAsync();
            return ((await poison.PeekMessagesAsync(32)).Value).Any(m => StripeEventMessage.Parse(m.MessageText) == message);
        }, "the message is poisoned");
    }
}
