using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Webhooks;

/// <summary>
/// In Azure, storage is reached by managed identity: <c>BILLING_STORAGE__accountName</c> (and friends) are set and
/// <c>BILLING_STORAGE</c> itself is empty. A provisioned tenant's webhooks must still verify with the secrets the
/// directory holds. Azurite takes no Entra ID tokens over http, so the clients behind the identity-style settings are
/// Azurite's; what is under test is which settings the app looks at.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class IdentityStorageWebhookTests : IDisposable
{
    private readonly string _tenant = Azurite.UniqueName("t");
    private readonly string _secret = StripeSignature.NewSecret();
    private readonly TestApp _app;

    public IdentityStorageWebhookTests()
    {
        _app = TestApp.Create(new Dictionary<string, string?>
        {
            [$"{AppSettings.StorageConnectionSetting}:accountName"] = "billingstorage",
            [$"{AppSettings.StorageConnectionSetting}:credential"] = "managedidentity",
        }, services: services =>
            services.AddSingleton<StorageAccounts>(sp => new AzuriteBehindIdentitySettings(sp.GetRequiredService<IConfiguration>())));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_provisioned_tenants_webhook_is_accepted_when_storage_is_reached_by_identity()
    {
        var directory = _app.Services.GetRequiredService<TenantDirectory>();
        await BillingTables.From(_app.Services.GetRequiredService<StorageAccounts>()).CreateIfNotExistsAsync(CancellationToken.None);
        await directory.AddAsync(new Tenant(new TenantId(_tenant), "Acme", Currency.Parse("eur"), "Europe/Berlin", "sk_test_identity", null,
            _secret, DateTimeOffset.UtcNow), CancellationToken.None);
        var body = StripeWebhookTests.EventJson("evt_identity1");

        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{_tenant}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSignature.Header(body, _secret));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Identity-style settings in configuration, Azurite's clients underneath.</summary>
    private sealed class AzuriteBehindIdentitySettings(IConfiguration configuration) : StorageAccounts(configuration)
    {
        public override TableServiceClient GetTableService(string setting = AppSettings.StorageConnectionSetting) =>
            new(Azurite.ConnectionString);

        public override QueueServiceClient GetQueueService(string setting = AppSettings.StorageConnectionSetting) =>
            new(Azurite.ConnectionString, StorageExtensions.QueueOptions());
    }
}
