using System.Text;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Hosting;

public class StorageAccountsTests
{
    private static StorageAccounts Storage(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public async Task Webhook_events_are_stored_in_the_billing_table_the_api_reads()
    {
        var table = Azurite.UniqueName("bill");
        var storage = Storage(new() { [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            [StorageAccounts.BillingTableSetting] = table });
        var tables = BillingTables.From(storage);
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        var tenant = Azurite.UniqueName("tn");

        Assert.True(await new StripeEventStore(storage).TryAddAsync(
            new StoredStripeEvent(tenant, "evt_1", "invoice.paid", "{}", DateTimeOffset.UnixEpoch, null), CancellationToken.None));

        Assert.Equal(table, tables.Billing.Name);
        Assert.NotNull(await tables.Billing.GetEntityOrNullAsync(tenant, StripeEventStore.RowKey("evt_1")));
    }

    [Fact]
    public async Task Queue_messages_travel_as_base64_of_their_text_as_the_functions_host_reads_them()
    {
        var storage = Storage(new() { [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString });
        var queue = storage.GetQueueClient(Azurite.UniqueName("q-"));
        await queue.CreateIfNotExistsAsync();
        const string Text = """{"note":"<b>ünïcode & markup</b>"}""";

        await queue.SendMessageAsync(Text);

        // A client without decoding sees what the Functions host's queue trigger decodes.
        var raw = new QueueClient(Azurite.ConnectionString, queue.Name, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
        var onTheWire = Assert.Single((await raw.PeekMessagesAsync(32)).Value).Body.ToString();
        Assert.Equal(Text, Encoding.UTF8.GetString(Convert.FromBase64String(onTheWire)));
        Assert.Equal(Text, Assert.Single((await queue.ReceiveMessagesAsync(32)).Value).MessageText);
    }

    [Fact]
    public void Without_a_connection_string_the_clients_use_the_identity_settings_service_uris()
    {
        var storage = Storage(new()
        {
            [$"{AppSettings.StorageConnectionSetting}:tableServiceUri"] = "https://acct.table.core.windows.net",
            [$"{AppSettings.StorageConnectionSetting}:queueServiceUri"] = "https://acct.queue.core.windows.net",
        });

        Assert.True(storage.IsConfigured());
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), storage.GetTableService().Uri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), storage.GetQueueService().Uri);
    }

    [Fact]
    public void An_account_name_alone_points_at_the_public_cloud_and_no_setting_fails_clearly()
    {
        var named = Storage(new() { [$"{AppSettings.StorageConnectionSetting}:accountName"] = "acct" });
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), named.GetTableService().Uri);

        var unset = Storage(new());
        Assert.False(unset.IsConfigured());
        var error = Assert.Throws<InvalidOperationException>(() => unset.GetQueueService());
        Assert.Contains(AppSettings.StorageConnectionSetting, error.Message);
    }
}
