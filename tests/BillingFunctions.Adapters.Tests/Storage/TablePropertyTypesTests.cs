using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class TablePropertyTypesTests
{
    private const long BeyondDoublePrecision = (1L << 53) + 1;
    private static readonly DateTimeOffset TickPrecise = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
    private static readonly Guid SomeGuid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    internal static readonly byte[] EveryByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    internal static TableEntity EveryType(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Text"] = "Grüße 🌍 日本 \"quoted\" it's\nnew line",
        ["Empty"] = "",
        ["Int32Max"] = int.MaxValue,
        ["Int32Min"] = int.MinValue,
        ["Int64Big"] = BeyondDoublePrecision,
        ["Int64Max"] = long.MaxValue,
        ["Int64Min"] = long.MinValue,
        ["Int64Small"] = 7L,
        ["Flag"] = true,
        ["Off"] = false,
        ["DoubleFraction"] = 0.1,
        ["DoubleWhole"] = 1.0,
        ["DoubleMax"] = double.MaxValue,
        ["DoubleTiny"] = double.Epsilon,
        ["DoubleNaN"] = double.NaN,
        ["DoublePositiveInfinity"] = double.PositiveInfinity,
        ["DoubleNegativeInfinity"] = double.NegativeInfinity,
        ["When"] = TickPrecise,
        ["WhenMin"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ["WhenMax"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9999999),
        ["Id"] = SomeGuid,
        ["Bytes"] = EveryByte,
        ["NoBytes"] = Array.Empty<byte>(),
    };

    internal static void AssertEveryType(TableEntity read)
    {
        Assert.Equal("Grüße 🌍 日本 \"quoted\" it's\nnew line", read.GetString("Text"));
        Assert.Equal("", read.GetString("Empty"));
        Assert.Equal(int.MaxValue, read["Int32Max"]);
        Assert.Equal(int.MinValue, read["Int32Min"]);
        Assert.Equal(BeyondDoublePrecision, read["Int64Big"]);
        Assert.Equal(long.MaxValue, read["Int64Max"]);
        Assert.Equal(long.MinValue, read["Int64Min"]);
        Assert.Equal(7L, read["Int64Small"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(false, read["Off"]);
        Assert.Equal(0.1, read["DoubleFraction"]);
        Assert.Equal(1.0, read["DoubleWhole"]);
        Assert.IsType<double>(read["DoubleWhole"]);
        Assert.Equal(double.MaxValue, read["DoubleMax"]);
        Assert.Equal(double.Epsilon, read["DoubleTiny"]);
        Assert.Equal(double.NaN, read["DoubleNaN"]);
        Assert.Equal(double.PositiveInfinity, read["DoublePositiveInfinity"]);
        Assert.Equal(double.NegativeInfinity, read["DoubleNegativeInfinity"]);
        Assert.Equal(TickPrecise.UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), read["WhenMin"]);
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, read.GetDateTimeOffset("WhenMax")!.Value.UtcTicks);
        Assert.Equal(SomeGuid, read["Id"]);
        Assert.Equal(EveryByte, read.GetBinary("Bytes"));
        Assert.Equal(Array.Empty<byte>(), read.GetBinary("NoBytes"));
    }

    [Fact]
    public async Task Every_property_type_round_trips_exactly_through_point_read_and_query()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(EveryType("p", "r"));

        AssertEveryType(await table.GetEntityAsync("p", "r"));
        AssertEveryType(Assert.Single(await table.QueryAsync().ToListAsync()));
    }

    [Fact]
    public async Task Every_property_type_round_trips_through_a_transaction()
    {
        var table = await Azurite.NewTableAsync();

        await table.SubmitTransactionAsync([new(TableTransactionActionType.UpsertReplace, EveryType("p", "r"))]);

        AssertEveryType(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task Keys_with_unicode_and_quotes_work_for_every_operation()
    {
        var table = await Azurite.NewTableAsync();
        const string pk = "tenant O'Brien & Zürich 🌍 %20 +";
        const string rk = "inv|\"quoted\"|it''s|日本";
        await table.AddEntityAsync(new TableEntity(pk, rk) { ["V"] = 1 });
        await table.AddEntityAsync(new TableEntity(pk, rk + "x") { ["V"] = 2 });

        var read = await table.GetEntityAsync(pk, rk);
        var etag = await table.UpdateEntityAsync(new TableEntity(pk, rk) { ["V"] = 3 }, read.ETag);
        var filtered = await table.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {pk} and RowKey eq {rk}")).ToListAsync();
        await table.DeleteEntityAsync(pk, rk, etag);

        Assert.Equal((pk, rk), (read.PartitionKey, read.RowKey));
        Assert.Equal(3, Assert.Single(filtered).GetInt32("V"));
        Assert.Null(await table.GetEntityIfExistsAsync(pk, rk));
        Assert.NotNull(await table.GetEntityIfExistsAsync(pk, rk + "x"));
    }

    [Fact]
    public async Task Filters_compare_typed_values_server_side()
    {
        var table = await Azurite.NewTableAsync();
        await table.AddEntityAsync(EveryType("p", "match"));
        var other = EveryType("p", "other");
        other["Int64Big"] = BeyondDoublePrecision - 1;
        // Azurite compares datetimes in filters at millisecond precision (it stores every tick).
        other["When"] = TickPrecise.AddMilliseconds(-1);
        other["Id"] = Guid.NewGuid();
        other["Flag"] = false;
        other["DoubleFraction"] = 0.2;
        other["Text"] = "other";
        await table.AddEntityAsync(other);

        async Task<string> Only(FormattableString filter) =>
            Assert.Single(await table.QueryAsync(TableOdataFilter.Create(filter)).ToListAsync()).RowKey;

        Assert.Equal("match", await Only($"Int64Big ge {BeyondDoublePrecision}"));
        Assert.Equal("match", await Only($"When eq {TickPrecise}"));
        Assert.Equal("match", await Only($"Id eq {SomeGuid}"));
        Assert.Equal("match", await Only($"Flag eq {true}"));
        Assert.Equal("match", await Only($"DoubleFraction lt {0.15}"));
        Assert.Equal("match", await Only($"Text eq {"Grüße 🌍 日本 \"quoted\" it's\nnew line"}"));
    }

    [Fact]
    public void Filter_literals_quote_and_type_values_like_the_sdk()
    {
        var filter = TableOdataFilter.Create(
            $"PartitionKey eq {"O'Brien"} and N eq {5} and L eq {5L} and D eq {2.0} and B eq {false} and G eq {SomeGuid} and T eq {TickPrecise} and X eq {new byte[] { 0xAB, 0x01 }}");

        Assert.Equal(
            "PartitionKey eq 'O''Brien' and N eq 5 and L eq 5L and D eq 2.0 and B eq false and G eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff' " +
            "and T eq datetime'2026-03-04T03:06:07.1234567Z' and X eq X'ab01'",
            filter);
    }
}
