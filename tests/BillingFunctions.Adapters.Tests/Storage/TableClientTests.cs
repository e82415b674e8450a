using Azure;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class TableClientTests
{
    [Fact]
    public async Task Added_entity_reads_back_with_its_etag()
    {
        var table = await Azurite.NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("tenant-1", "inv|1") { ["Status"] = "draft", ["Amount"] = 1250L });

        var read = await table.GetEntityAsync("tenant-1", "inv|1");

        Assert.Equal("draft", read.GetString("Status"));
        Assert.Equal(1250L, read.GetInt64("Amount"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task Adding_an_existing_entity_fails_with_conflict()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task Missing_entity_throws_not_found_or_reads_as_null()
    {
        var table = await Azurite.NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "nope"));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nope"));
    }

    [Fact]
    public async Task Stale_etag_update_fails_with_precondition_failed_and_changes_nothing()
    {
        var table = await Azurite.NewTableAsync();
        var original = await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "draft" });
        var current = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Status"] = "open" }, original);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["Status"] = "void" }, original));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        var read = await table.GetEntityAsync("p", "r");
        Assert.Equal("open", read.GetString("Status"));
        Assert.Equal(current, read.ETag);
    }

    [Fact]
    public async Task Merge_keeps_unsent_properties_and_replace_drops_them()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");

        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal((null, null, "c"), (replaced.GetString("A"), replaced.GetString("B"), replaced.GetString("C")));
    }

    [Fact]
    public async Task Upsert_creates_a_missing_entity_but_update_does_not()
    {
        var table = await Azurite.NewTableAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "new") { ["X"] = 1 });
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "missing"), ETag.All));

        Assert.Equal(1, (await table.GetEntityAsync("p", "new")).GetInt32("X"));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Delete_with_stale_etag_fails_and_delete_of_missing_entity_succeeds()
    {
        var table = await Azurite.NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r"));
        var current = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 2 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        await table.DeleteEntityAsync("p", "r", current);
        await table.DeleteEntityAsync("p", "r");

        Assert.Equal(412, error.Status);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Select_returns_only_the_named_properties()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Keep"] = "k", ["Drop"] = "d" });

        var read = await table.GetEntityAsync("p", "r", select: ["Keep"]);

        Assert.Equal("k", read.GetString("Keep"));
        Assert.False(read.ContainsKey("Drop"));
    }

    [Fact]
    public async Task Creating_an_existing_table_is_a_no_op()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        await table.CreateIfNotExistsAsync();

        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Missing_table_is_an_error_even_where_a_missing_entity_is_not()
    {
        var table = new TableClient(Azurite.ConnectionString, Azurite.UniqueTableName());

        var read = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r"));

        Assert.Equal((404, "TableNotFound"), (read.Status, read.ErrorCode));
        Assert.Equal((404, "TableNotFound"), (delete.Status, delete.ErrorCode));
    }

    [Fact]
    public async Task Table_service_client_hands_out_clients_for_tables_of_its_account()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var table = service.GetTableClient(Azurite.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var seenElsewhere = await new TableClient(Azurite.ConnectionString, table.Name).GetEntityIfExistsAsync("p", "r");
        await table.DeleteAsync();
        var afterDelete = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));

        Assert.NotNull(seenElsewhere);
        Assert.Equal("TableNotFound", afterDelete.ErrorCode);
    }
}
