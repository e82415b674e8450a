using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Tests.Webhooks;

/// <summary>POST /api/webhooks/stripe/{tenant} against Azurite, with local triggers off so the queue can be inspected.</summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class StripeWebhookTests : IDisposable
{
    private readonly string _tenant = Azurite.UniqueName("t");
    private readonly string _secret = StripeSignature.NewSecret();
    private readonly string _oldSecret = StripeSignature.NewSecret();
    private readonly TestApp _app;
    private readonly TableClient _billing = new TableServiceClient(Azurite.ConnectionString).GetTableClient(StorageAccounts.DefaultBillingTable);
    private readonly QueueClient _events = new QueueServiceClient(Azurite.ConnectionString, StorageExtensions.QueueOptions())
        .GetQueueClient(StripeEventMessage.QueueName);

    public StripeWebhookTests()
    {
        _app = TestApp.Create(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            [$"Tenants:{_tenant}:WebhookSecrets:0"] = _oldSecret,
            [$"Tenants:{_tenant}:WebhookSecrets:1"] = _secret,
        });
    }

    public void Dispose() => _app.Dispose();

    internal static string EventJson(string id, string type = "invoice.paid", string padding = "",
        string apiVersion = "2026-10-28.endive") => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = apiVersion,
        ["type"] = type,
        ["created"] = 1_790_000_000,
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "in_1", ["object"] = "invoice", ["description"] = padding } },
    }.ToJsonString();

    private async Task<HttpResponseMessage> DeliverAsync(string body, string? signature, string? tenant = null)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{tenant ?? _tenant}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await client.SendAsync(request);
    }

    private async Task<List<StripeEventMessage>> QueuedForTenantAsync()
    {
        await _events.CreateIfNotExistsAsync();
        var peeked = (await _events.PeekMessagesAsync(32)).Value;
        return peeked.Select(m => StripeEventMessage.Parse(m.MessageText)).Where(m => m.Tenant == _tenant).ToList();
    }

    private async Task<List<TableEntity>> StoredRowsAsync()
    {
        await _billing.CreateIfNotExistsAsync();
        var rows = new List<TableEntity>();
        await foreach (var row in _billing.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_tenant}"))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task A_signed_event_is_stored_byte_for_byte_and_queued_for_applying()
    {
        var body = EventJson("evt_signed1");

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await StoredRowsAsync());
        Assert.Equal("evt|evt_signed1", row.RowKey);
        Assert.Equal(body, row.GetString("Payload"));
        Assert.Equal("invoice.paid", row.GetString("Type"));
        Assert.Null(row.GetDateTimeOffset("AppliedAt"));
        Assert.Equal([new StripeEventMessage(_tenant, "evt_signed1")], await QueuedForTenantAsync());
    }

    [Fact]
    public async Task A_bad_signature_is_a_400_problem_and_nothing_is_stored_or_queued()
    {
        var body = EventJson("evt_forged");

        using var response = await DeliverAsync(body, StripeSignature.Header(body, StripeSignature.NewSecret()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.EndsWith("/invalid-webhook-signature", problem["type"]!.GetValue<string>());
        Assert.Empty(await StoredRowsAsync());
        Assert.Empty(await QueuedForTenantAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v0=abc")]
    [InlineData("garbage")]
    public async Task A_missing_or_malformed_signature_header_is_rejected(string? header)
    {
        using var response = await DeliverAsync(EventJson("evt_unsigned"), header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredRowsAsync());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_rejected()
    {
        var body = EventJson("evt_tampered");
        var signature = StripeSignature.Header(body, _secret);

        using var response = await DeliverAsync(body.Replace("invoice.paid", "invoice.voided"), signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredRowsAsync());
    }

    [Fact]
    public async Task A_signature_older_than_the_tolerance_is_rejected()
    {
        var body = EventJson("evt_replayed");

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredRowsAsync());
    }

    [Fact]
    public async Task The_previous_secret_still_verifies_during_a_rotation()
    {
        var body = EventJson("evt_rotated");

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _oldSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await StoredRowsAsync());
    }

    [Fact]
    public async Task A_tenant_without_webhook_secrets_gets_404_and_nothing_is_stored()
    {
        var body = EventJson("evt_stranger");
        var stranger = _tenant + "x";

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret), stranger);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<StripeEventStore>().GetAsync(stranger, "evt_stranger", CancellationToken.None));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_event_is_rejected()
    {
        const string Body = """{"hello":"world"}""";

        using var response = await DeliverAsync(Body, StripeSignature.Header(Body, _secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredRowsAsync());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"id":"evt_x","object":"event"}""")]
    public async Task A_signed_body_of_another_shape_is_a_400_not_a_500(string body)
    {
        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredRowsAsync());
    }

    [Fact]
    public async Task A_signed_event_of_another_api_release_is_refused_and_nothing_is_stored_or_queued()
    {
        var body = EventJson("evt_old_release", apiVersion: "2023-08-16");

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2023-08-16", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await StoredRowsAsync());
        Assert.Empty(await QueuedForTenantAsync());
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_event_stores_nothing_new_and_says_duplicate()
    {
        var body = EventJson("evt_twice");

        using var first = await DeliverAsync(body, StripeSignature.Header(body, _secret));
        using var second = await DeliverAsync(body, StripeSignature.Header(body, _secret));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var receipt = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.False(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["duplicate"]!.GetValue<bool>());
        Assert.True(receipt["duplicate"]!.GetValue<bool>());
        Assert.Single(await StoredRowsAsync());
    }

    [Fact]
    public async Task An_event_larger_than_one_table_property_is_stored_whole()
    {
        var body = EventJson("evt_large", padding: new string('x', 100_000));

        using var response = await DeliverAsync(body, StripeSignature.Header(body, _secret));
        var stored = await _app.Services.GetRequiredService<StripeEventStore>().GetAsync(_tenant, "evt_large", CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, stored!.Payload);
    }
}
