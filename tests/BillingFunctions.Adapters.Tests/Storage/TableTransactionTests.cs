using Azure;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class TableTransactionTests
{
    [Fact]
    public async Task Batch_whose_fiftieth_operation_fails_writes_nothing_and_names_index_49()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "row-049") { ["Version"] = "original" });
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"row-{i:D3}") { ["Version"] = "batch" }))
            .ToList();

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal(49, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        var left = await table.QueryAsync().ToListAsync();
        Assert.Equal("original", Assert.Single(left).GetString("Version"));
    }

    [Fact]
    public async Task Batch_with_a_stale_etag_update_fails_with_precondition_and_writes_nothing()
    {
        var table = await Azurite.NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "inv") { ["Status"] = "draft" });
        await table.UpsertEntityAsync(new TableEntity("p", "inv") { ["Status"] = "open" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "idx|status|paid")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "inv") { ["Status"] = "paid" }, stale),
        ]));

        Assert.Equal((412, 1), (error.Status, error.FailedTransactionActionIndex));
        Assert.Equal("open", (await table.GetEntityAsync("p", "inv")).GetString("Status"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "idx|status|paid"));
    }

    [Fact]
    public async Task Batch_of_every_action_type_applies_all_and_returns_current_etags()
    {
        var table = await Azurite.NewTableAsync();
        var mergeTag = await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" });
        var replaceTag = await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsert-merge") { ["A"] = "a" });

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["N"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = "b2" }, mergeTag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["C"] = "c" }, replaceTag),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["N"] = 2 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        var entities = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey);
        Assert.Equal(6, etags.Count);
        Assert.Equal(["add", "merge", "replace", "upsert-merge", "upsert-replace"], entities.Keys.Order());
        Assert.Equal(entities["add"].ETag, etags[0]);
        Assert.Equal(entities["merge"].ETag, etags[1]);
        Assert.Equal(("a", "b2"), (entities["merge"].GetString("A"), entities["merge"].GetString("B")));
        Assert.Equal((null, "c"), (entities["replace"].GetString("A"), entities["replace"].GetString("C")));
        Assert.Equal(("a", "b"), (entities["upsert-merge"].GetString("A"), entities["upsert-merge"].GetString("B")));
        Assert.Equal(2, entities["upsert-replace"].GetInt32("N"));
    }

    [Fact]
    public async Task Transactions_over_100_actions_or_two_partitions_are_refused_before_sending()
    {
        var table = await Azurite.NewTableAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i}")));
        var twoPartitions = new[]
        {
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(twoPartitions));
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }
}
