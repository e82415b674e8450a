using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class TablePagingTests
{
    private const int PerPartition = 650;

    [Fact]
    public async Task Query_pages_through_more_than_a_thousand_entities_across_partitions()
    {
        var table = await Azurite.NewTableAsync();
        await FillAsync(table, "tenant-a", "tenant-b");

        var first = await table.QueryPageAsync(filter: null);
        var second = await table.QueryPageAsync(filter: null, continuationToken: first.ContinuationToken);
        var all = await table.QueryAsync().ToListAsync();

        Assert.InRange(first.Items.Count, 1, 1000);
        Assert.NotNull(first.ContinuationToken);
        Assert.Null(second.ContinuationToken);
        Assert.Equal(2 * PerPartition, first.Items.Count + second.Items.Count);
        Assert.Equal(2 * PerPartition, all.Count);
        Assert.Equal(all.Count, all.Select(e => (e.PartitionKey, e.RowKey)).Distinct().Count());
        Assert.Equal(all.OrderBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.RowKey, StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task Top_limits_each_page_and_filter_and_select_apply_across_pages()
    {
        var table = await Azurite.NewTableAsync();
        await FillAsync(table, "tenant-a", "tenant-b");
        var filter = TableOdataFilter.Create($"PartitionKey eq {"tenant-b"} and Number ge {100}");

        var pages = new List<TablePage>();
        string? token = null;
        do
        {
            var page = await table.QueryPageAsync(filter, top: 100, select: ["Number"], continuationToken: token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var items = pages.SelectMany(p => p.Items).ToList();
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 0, 100));
        Assert.Equal(PerPartition - 100, items.Count);
        Assert.Equal(Enumerable.Range(100, PerPartition - 100), items.Select(e => e.GetInt32("Number")!.Value));
        Assert.All(items, e => Assert.False(e.ContainsKey("Label")));
    }

    private static async Task FillAsync(TableClient table, params string[] partitions)
    {
        foreach (var partition in partitions)
        {
            foreach (var chunk in Enumerable.Range(0, PerPartition).Chunk(TableClient.MaxTransactionActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(partition, $"row-{i:D5}") { ["Number"] = i, ["Label"] = $"entity {i}" })));
            }
        }
    }
}
