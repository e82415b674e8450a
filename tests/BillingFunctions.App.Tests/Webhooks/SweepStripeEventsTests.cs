using BillingFunctions.App.Http;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Tests.Webhooks;

/// <summary>The sweep-stripe-events timer, invoked as the host invokes it, with local triggers off.</summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class SweepStripeEventsTests : IDisposable
{
    private readonly string _tenant = Azurite.UniqueName("t");
    private readonly TestApp _app = TestApp.Create(new Dictionary<string, string?>
    {
        [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
    });

    private readonly TableClient _billing = new TableServiceClient(Azurite.ConnectionString).GetTableClient(StorageAccounts.DefaultBillingTable);
    private readonly QueueClient _events = new QueueServiceClient(Azurite.ConnectionString, StorageExtensions.QueueOptions())
        .GetQueueClient(StripeEventMessage.QueueName);

    public void Dispose() => _app.Dispose();

    private async Task SeedPendingAsync(string eventId, TimeSpan age, int sweeps = 0)
    {
        await BillingTables.From(_app.Services.GetRequiredService<StorageAccounts>()).CreateIfNotExistsAsync(CancellationToken.None);
        var queuedAt = DateTimeOffset.UtcNow - age;
        await _app.Services.GetRequiredService<StripeEventStore>()
            .TryAddAsync(new StoredStripeEvent(_tenant, eventId, "invoice.paid", "{}", queuedAt, null), CancellationToken.None);
        await _billing.UpsertEntityAsync(new TableEntity(PendingStripeEvents.Partition, $"{_tenant}|{eventId}")
        {
            ["QueuedAt"] = queuedAt, ["Sweeps"] = sweeps,
        });
    }

    private Task SweepAsync() => _app.InvokeAsync("sweep-stripe-events");

    private async Task<List<string>> QueuedEventIdsAsync()
    {
        await _events.CreateIfNotExistsAsync();
        return ((await _events.PeekMessagesAsync(32)).Value).Select(m => StripeEventMessage.Parse(m.MessageText))
            .Where(m => m.Tenant == _tenant).Select(m => m.EventId).ToList();
    }

    [Fact]
    public async Task An_event_queued_long_ago_and_never_applied_is_queued_again_and_the_sweep_counted()
    {
        await SeedPendingAsync("evt_lost", TimeSpan.FromHours(1));

        await SweepAsync();

        Assert.Equal(["evt_lost"], await QueuedEventIdsAsync());
        var row = (await _billing.GetEntityAsync<TableEntity>(PendingStripeEvents.Partition, $"{_tenant}|evt_lost")).Value;
        Assert.Equal(1, row.GetInt32("Sweeps"));
        Assert.True(row.GetDateTimeOffset("QueuedAt") > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_recently_queued_event_is_left_to_its_message()
    {
        await SeedPendingAsync("evt_recent", TimeSpan.FromMinutes(1));

        await SweepAsync();

        Assert.Empty(await QueuedEventIdsAsync());
    }

    [Fact]
    public async Task An_event_swept_too_often_is_not_queued_again()
    {
        await SeedPendingAsync("evt_hopeless", TimeSpan.FromHours(1), sweeps: SweepStripeEventsFunction.MaxSweeps);

        await SweepAsync();

        Assert.Empty(await QueuedEventIdsAsync());
        Assert.NotNull(await _billing.GetEntityOrNullAsync(PendingStripeEvents.Partition, $"{_tenant}|evt_hopeless"));
    }
}
