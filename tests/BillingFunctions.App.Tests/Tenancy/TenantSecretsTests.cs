using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tenancy.Secrets;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Tests.Webhooks;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Tenancy;

/// <summary>
/// Tenants' Stripe credentials at rest: never in a table row, still usable after a restart, replaceable without
/// losing webhooks, and only in the shapes Stripe issues. Webhook deliveries touch the shared stripe-events queue.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class TenantSecretsTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] SecretMarkers = ["sk_", "rk_", "whsec_"];

    private async Task<ProvisionedTenant> ProvisionAsync(string stripeKey, string? webhookSecret)
    {
        using var platform = host.Platform();
        return await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Acme", "eur", "Europe/Berlin", stripeKey, null, webhookSecret, "admin", null), ApiHost.JsonOptions));
    }

    private async Task<HttpResponseMessage> ReplaceAsync(string tenant, ReplaceStripeSecretsRequest request)
    {
        using var platform = host.Platform();
        return await platform.PutAsJsonAsync($"/api/v1/platform/tenants/{tenant}/stripe", request, ApiHost.JsonOptions);
    }

    private async Task<HttpStatusCode> DeliverAsync(string tenant, string secret)
    {
        var body = StripeWebhookTests.EventJson("evt_" + Guid.NewGuid().ToString("N"));
        using var client = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{tenant}") { Content = new StringContent(body,
            Encoding.UTF8, System.Net.Mime.MediaTypeNames.Application.Json) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSignature.Header(body, secret));
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<List<string>> EveryValueAsync(params TableClient[] tables)
    {
        var values = new List<string>();
        foreach (var table in tables)
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
                values.AddRange(row.Select(p => $"{table.Name}/{row.PartitionKey}/{row.RowKey}/{p.Key}={p.Value}"));
        }
        return values;
    }

    private TableClient KeyRing => new(ApiHost.AzuriteConnectionString, TenantSecretsServices.KeyRingTable(new ConfigurationBuilder().Build()));

    [Fact]
    public async Task No_table_row_holds_a_stripe_key_or_webhook_secret_yet_the_app_reads_them_back()
    {
        var key = "sk_test_" + Guid.NewGuid().ToString("N");
        var secret = StripeSignature.NewSecret();
        var tenant = await ProvisionAsync(key, secret);
        var rotatedKey = "rk_live_" + Guid.NewGuid().ToString("N");
        var rotatedSecret = StripeSignature.NewSecret();
        (await ReplaceAsync(tenant.TenantId, new(rotatedKey, rotatedSecret))).EnsureSuccessStatusCode();
        await host.ProvisionAsync("Other");

        var tables = host.Services.GetRequiredService<BillingTables>();
        var values = await EveryValueAsync(tables.Billing, tables.ApiKeys, KeyRing);
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => SecretMarkers.Any(m => v.Contains(m, StringComparison.Ordinal)));
        Assert.DoesNotContain(values, v => new[] { key, secret, rotatedKey, rotatedSecret }.Any(s => v.Contains(s[8..], StringComparison.Ordinal)));

        var read = (await host.Services.GetRequiredService<TenantDirectory>().GetAsync(new TenantId(tenant.TenantId), CancellationToken.None))!;
        Assert.Equal((rotatedKey, rotatedSecret), (read.StripeSecretKey, read.WebhookSecret));
    }

    [Theory]
    [InlineData("sk_test_" + "0123456789abcdef0123", "x")]
    [InlineData("sk_test_" + "0123456789abcdef0123", "whsec_short")]
    [InlineData("sk_test_" + "0123456789abcdef0123", "whsec_0123456789abcdef0123456789abcdef; drop")]
    [InlineData("x", "whsec_0123456789abcdef0123456789abcdef")]
    [InlineData("pk_test_0123456789abcdef0123", "whsec_0123456789abcdef0123456789abcdef")]
    [InlineData("sk_test_x", null)]
    public async Task Credentials_not_shaped_as_stripe_issues_them_are_refused_and_nothing_is_written(string key, string? secret)
    {
        var tables = host.Services.GetRequiredService<BillingTables>();
        var before = await EveryValueAsync(tables.Billing, tables.ApiKeys);
        using var platform = host.Platform();

        var response = await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Weak", "eur", "UTC", key, null, secret, "weak-admin", null), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Problems.TypeBase + "invalid-request", await response.Content.ReadAsStringAsync());
        Assert.Equal(before.Order(), (await EveryValueAsync(tables.Billing, tables.ApiKeys)).Order());
    }

    [Fact]
    public async Task A_weak_replacement_is_refused_and_the_current_secrets_stay()
    {
        var secret = StripeSignature.NewSecret();
        var tenant = await ProvisionAsync("sk_test_" + Guid.NewGuid().ToString("N"), secret);

        var response = await ReplaceAsync(tenant.TenantId, new(WebhookSecret: "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(tenant.TenantId, secret));
        Assert.Equal(HttpStatusCode.NotFound, (await ReplaceAsync("ten_nobody", new(WebhookSecret: StripeSignature.NewSecret()))).StatusCode);
    }

    [Fact]
    public async Task A_replaced_webhook_secret_verifies_during_its_grace_and_not_after()
    {
        var old = StripeSignature.NewSecret();
        var tenant = await ProvisionAsync("sk_test_" + Guid.NewGuid().ToString("N"), old);
        var fresh = StripeSignature.NewSecret();

        var replaced = await TenantWorld.ReadAsync<TenantStripeSecrets>(await ReplaceAsync(tenant.TenantId, new(WebhookSecret: fresh)));
        // Sent again, as a retry would: the grace must not restart or end.
        var repeated = await TenantWorld.ReadAsync<TenantStripeSecrets>(await ReplaceAsync(tenant.TenantId, new(WebhookSecret: fresh)));

        Assert.NotNull(replaced.PreviousWebhookSecretValidUntil);
        Assert.Equal(replaced.PreviousWebhookSecretValidUntil, repeated.PreviousWebhookSecretValidUntil);
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(tenant.TenantId, old));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(tenant.TenantId, fresh));

        host.Clock.Advance(WebhookSecretGrace.Default + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(tenant.TenantId, old));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(tenant.TenantId, fresh));
    }

    [Fact]
    public async Task After_a_restart_another_instance_on_the_same_storage_verifies_the_tenants_webhooks()
    {
        var secret = StripeSignature.NewSecret();
        var tenant = await ProvisionAsync("sk_test_" + Guid.NewGuid().ToString("N"), secret);

        // A new instance: its own services, data protection and caches; only the storage is shared.
        await using var restarted = await host.StartInstanceAsync();
        using var client = new HttpClient { BaseAddress = restarted.HttpAddress };
        var body = StripeWebhookTests.EventJson("evt_" + Guid.NewGuid().ToString("N"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{tenant.TenantId}") { Content = new StringContent(body,
            Encoding.UTF8, System.Net.Mime.MediaTypeNames.Application.Json) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSignature.Header(body, secret));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        // And the key ring in storage is all it takes: no file, no memory of this machine.
        var tables = host.Services.GetRequiredService<BillingTables>();
        var fromStorageAlone = new TenantDirectory(tables, TenantSecretsServices.LocalStore(KeyRing));
        Assert.Equal(secret, (await fromStorageAlone.GetAsync(new TenantId(tenant.TenantId), CancellationToken.None))!.WebhookSecret);
    }

    [Fact]
    public void A_replaced_stripe_key_is_used_from_the_next_call_on()
    {
        var stripe = host.Services.GetRequiredService<TenantStripe>();
        var tenant = new Tenant(new TenantId("ten_rotating"), "Rotating", Domain.Monetary.Currency.Eur, "UTC", "sk_test_" + Guid.NewGuid()
            .ToString("N"), null, null,
            DateTimeOffset.UnixEpoch);
        var replaced = tenant with { StripeSecretKey = "sk_test_" + Guid.NewGuid().ToString("N") };

        Assert.Equal(tenant.StripeSecretKey, stripe.For(tenant).Write("k").ApiKey);
        Assert.Equal(replaced.StripeSecretKey, stripe.For(replaced).Read().ApiKey);
        Assert.Equal(replaced.StripeSecretKey, stripe.For(replaced).Write("k").ApiKey);
    }
}
