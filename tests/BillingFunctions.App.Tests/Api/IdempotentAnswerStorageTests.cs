using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

/// <summary>Kept answers in Azurite: larger than an entity holds, sealed, and only under the claim that ran the request.</summary>
public sealed class IdempotentAnswerStorageTests : IAsyncLifetime
{
    private const string Partition = "ten_answers";
    private readonly TableClient _table = new(ApiHost.AzuriteConnectionString, "t" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _table.DeleteAsync();

    private async Task<IdempotencyClaim> ClaimAsync(string rowKey) =>
        new(Partition, rowKey, (await _table.AddEntityAsync(new TableEntity(Partition, rowKey) { ["State"] = "running" })).Headers.ETag!.Value);

    private static TableEntity Done(string rowKey, int parts) => new(Partition, rowKey) { ["State"] = "done", ["Parts"] = parts, ["Claim"] = "c1" };

    [Fact]
    public async Task An_answer_several_times_larger_than_an_entity_is_kept_whole_and_sealed()
    {
        // Random bytes do not compress: the worst case, about three entities' worth and more parts than one transaction takes.
        var body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        var claim = await ClaimAsync("idem|u|big");
        var parts = IdempotentAnswer.Seal("the-key", claim.RowKey, body);

        await IdempotentAnswer.WriteAsync(_table, claim, "c1", parts, Done(claim.RowKey, parts.Count), CancellationToken.None);

        TableEntity row = await _table.GetEntityAsync<TableEntity>(Partition, claim.RowKey);
        Assert.Equal("done", row.GetString("State"));
        Assert.True(parts.Count > 40);
        Assert.Equal(body, await IdempotentAnswer.ReadAsync(_table, Partition, claim.RowKey, "c1", parts.Count, "the-key", CancellationToken.None));
        Assert.ThrowsAny<CryptographicException>(() => IdempotentAnswer.Open("another-key", claim.RowKey, parts));
    }

    [Fact]
    public async Task A_request_whose_key_was_taken_over_cannot_replace_the_takers_record()
    {
        var claim = await ClaimAsync("idem|u|taken");
        await _table.UpdateEntityAsync(new TableEntity(Partition, claim.RowKey) { ["Claim"] = "taker" }, ETag.All);
        var parts = IdempotentAnswer.Seal("k", claim.RowKey, "{}"u8.ToArray());

        var refused = await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            IdempotentAnswer.WriteAsync(_table, claim, "c1", parts, Done(claim.RowKey, parts.Count), CancellationToken.None));

        Assert.Equal(412, refused.Status);
        Assert.Equal("running", (await _table.GetEntityAsync<TableEntity>(Partition, claim.RowKey)).Value.GetString("State"));
    }
}
