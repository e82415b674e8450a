using Azure.Data.Tables;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// The process store's guarantees on Table storage (Azurite): a step's state and history row go in one transaction,
/// so a step that fails writes neither; a stale ETag changes nothing; the overdue scan follows the service's pages.
/// </summary>
public class ProcessStoreTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _tenant = Azurite.UniqueName("ps");

    private static async Task<(ProcessStore Store, TableClient Table)> NewStoreAsync()
    {
        var table = new TableClient(Azurite.ConnectionString, Azurite.UniqueName("procs"));
        await table.CreateIfNotExistsAsync();
        return (new ProcessStore(table), table);
    }

    private ProcessRecord Record(string instanceId, string state, int step = 0, string? tenant = null, DateTimeOffset? wakeAt = null) => new()
    {
        Tenant = tenant ?? _tenant, InstanceId = instanceId, Type = "renewal", State = state, Step = step,
        WakeAt = wakeAt ?? Jan1, UpdatedAt = Jan1,
    };

    private static ProcessStep Step(int step) => new(step, Jan1.AddMinutes(step), $"event {step}", [$"effect {step}"], Jan1.AddDays(step));

    [Fact]
    public async Task Step_saved_on_a_stale_etag_writes_neither_the_state_nor_its_history()
    {
        var (store, _) = await NewStoreAsync();
        await store.AddAsync(Record("inst", "start"), CancellationToken.None);
        var read = (await store.GetAsync(_tenant, "inst", CancellationToken.None))!;
        Assert.True(await store.SaveStepAsync(read with { State = "first", Step = 1 }, read.ETag, Step(1), CancellationToken.None));

        Assert.False(await store.SaveStepAsync(read with { State = "late", Step = 1 }, read.ETag, Step(2), CancellationToken.None));

        Assert.Equal("first", (await store.GetAsync(_tenant, "inst", CancellationToken.None))!.State);
        Assert.Equal([1], (await store.HistoryAsync(_tenant, "inst", CancellationToken.None)).Select(s => s.Step));
    }

    [Fact]
    public async Task Step_whose_history_row_exists_already_leaves_the_state_as_it_was()
    {
        var (store, _) = await NewStoreAsync();
        await store.AddAsync(Record("inst", "start"), CancellationToken.None);
        var read = (await store.GetAsync(_tenant, "inst", CancellationToken.None))!;
        Assert.True(await store.SaveStepAsync(read with { State = "first", Step = 1 }, read.ETag, Step(1), CancellationToken.None));
        var current = (await store.GetAsync(_tenant, "inst", CancellationToken.None))!;

        // The state update (first action) would succeed on its own; the history insert (second) collides.
        Assert.False(await store.SaveStepAsync(current with { State = "again" }, current.ETag, Step(1), CancellationToken.None));

        var after = (await store.GetAsync(_tenant, "inst", CancellationToken.None))!;
        Assert.Equal("first", after.State);
        Assert.Equal(current.ETag, after.ETag);
        Assert.Equal("event 1", Assert.Single(await store.HistoryAsync(_tenant, "inst", CancellationToken.None)).Event);
    }

    [Fact]
    public async Task Replace_on_a_stale_etag_changes_nothing()
    {
        var (store, _) = await NewStoreAsync();
        await store.AddAsync(Record("inst", "start"), CancellationToken.None);
        var read = (await store.GetAsync(_tenant, "inst", CancellationToken.None))!;
        Assert.True(await store.ReplaceAsync(read with { State = "first" }, read.ETag, CancellationToken.None));

        Assert.False(await store.ReplaceAsync(read with { State = "late" }, read.ETag, CancellationToken.None));

        Assert.Equal("first", (await store.GetAsync(_tenant, "inst", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Overdue_scan_pages_through_more_than_a_thousand_instances_across_tenants()
    {
        var (store, table) = await NewStoreAsync();
        // 1,150 due instances over three tenants (more than one page of 1,000), plus some not due yet, of another
        // type, and suspended, which the scan leaves out.
        var expected = new HashSet<(string, string)>();
        foreach (var tenant in new[] { _tenant + "a", _tenant + "b", _tenant + "c" })
        {
            var rows = Enumerable.Range(0, 400).Select(i => (Id: $"due{i:D4}", Due: i < 383)).ToList();
            foreach (var batch in rows.Chunk(100))
            {
                await table.SubmitTransactionAsync(batch.Select(r =>
                {
                    var entity = new TableEntity(tenant, r.Id) { ["Type"] = "renewal", ["WakeAt"] = r.Due ? Jan1 : Jan1.AddDays(30) };
                    return new TableTransactionAction(TableTransactionActionType.Add, entity);
                }));
            }
            expected.UnionWith(rows.Where(r => r.Due).Select(r => (tenant, r.Id)));
            await table.AddEntityAsync(new TableEntity(tenant, "dunning") { ["Type"] = "dunning", ["WakeAt"] = Jan1 });
            await table.AddEntityAsync(new TableEntity(tenant, "suspended") { ["Type"] = "renewal", ["WakeAt"] = Jan1, ["Suspended"] = true });
        }
        Assert.Equal(1149, expected.Count);

        var found = new List<(string, string)>();
        await foreach (var (tenant, instanceId, _) in store.OverdueAsync("renewal", Jan1.AddDays(1), CancellationToken.None))
            found.Add((tenant, instanceId));

        Assert.Equal(expected.Count, found.Count);
        Assert.True(expected.SetEquals(found));
    }
}
