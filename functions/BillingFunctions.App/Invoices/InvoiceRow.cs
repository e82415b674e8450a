using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// The <c>inv|{id}</c> row: an invoice snapshot as flat properties, its lines as JSON in <c>Lines</c>, continued in
/// <c>Lines1</c>, <c>Lines2</c>, … (a string property holds at most 64 KiB). Descriptions are written unescaped, so
/// the most lines at the longest descriptions stay well inside the 1 MiB an entity holds.
/// </summary>
internal static class InvoiceRow
{
    public const string Prefix = "inv|";
    private const string LinesColumn = "Lines";
    private const int CharsPerColumn = 32_000;

    private sealed record StoredLine(string Id, [property: JsonConverter(typeof(UnescapedText))] string Description, long Quantity, long UnitAmount,
        int? TaxRateBasisPoints);

    public static string Key(InvoiceId id) => Prefix + id.Value;

    public static TableEntity Write(TenantId tenant, InvoiceSnapshot s)
    {
        var invoice = Invoice.Restore(s);
        var row = new TableEntity(tenant.Value, Key(s.Id))
        {
            ["Customer"] = s.Customer.Value, ["Owner"] = s.Owner.Value, ["OwnerTeam"] = s.OwnerTeam?.Value,
            ["Currency"] = s.Currency.Code, ["Collection"] = s.Collection.ToString(),
            ["DueDate"] = s.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["DaysUntilDue"] = s.DaysUntilDue,
            ["Status"] = s.Status.ToString(), ["OnHold"] = s.OnHold, ["PastDue"] = s.PastDue,
            ["Labels"] = string.Join(',', s.Labels.Select(l => l.Value)),
            ["AmountPaid"] = s.AmountPaidMinor, ["CreatedAt"] = s.CreatedAt, ["FinalizedAt"] = s.FinalizedAt,
            ["PaidAt"] = s.PaidAt, ["ClosedAt"] = s.ClosedAt, ["StripeInvoiceId"] = s.StripeInvoiceId,
            ["Number"] = s.Number, ["HostedInvoiceUrl"] = s.HostedInvoiceUrl, ["NextLineNumber"] = s.NextLineNumber,
            // Derived, for people reading the table and for recounts; never read back.
            ["Total"] = invoice.Total.Minor, ["View"] = invoice.View.ToString(),
        };
        var lines = JsonSerializer.Serialize(s.Lines.Select(l => new StoredLine(l.Id, l.Description, l.Quantity, l.UnitAmount.Minor,
            l.TaxRateBasisPoints)), Json.Options);
        var column = 0;
        for (var start = 0; start < lines.Length; column++)
        {
            var length = Math.Min(CharsPerColumn, lines.Length - start);
            if (char.IsHighSurrogate(lines[start + length - 1]) && start + length < lines.Length) length--;
            row[column == 0 ? LinesColumn : LinesColumn + column] = lines.Substring(start, length);
            start += length;
        }
        return row;
    }

    private static string ReadLines(TableEntity row)
    {
        var json = new StringBuilder(row.GetString(LinesColumn) ?? "[]");
        for (var column = 1; row.GetString(LinesColumn + column) is { } more; column++) json.Append(more);
        return json.ToString();
    }

    public static InvoiceSnapshot Read(TableEntity row)
    {
        var currency = Currency.Parse(row.GetString("Currency")!);
        var lines = JsonSerializer.Deserialize<List<StoredLine>>(ReadLines(row), Json.Options)!
            .Select(l => new InvoiceLine(l.Id, l.Description, l.Quantity, new Money(l.UnitAmount, currency), l.TaxRateBasisPoints)).ToList();
        var labels = (row.GetString("Labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(l => Label.Create(l).Value).ToList();
        return new InvoiceSnapshot
        {
            Id = new InvoiceId(row.RowKey[Prefix.Length..]), Customer = new CustomerId(row.GetString("Customer")!),
            Owner = new UserId(row.GetString("Owner")!), OwnerTeam = row.GetString("OwnerTeam") is { } team ? new TeamId(team) : null,
            Currency = currency, Collection = Enum.Parse<CollectionMethod>(row.GetString("Collection")!),
            DueDate = row.GetString("DueDate") is { } due ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            DaysUntilDue = row.GetInt32("DaysUntilDue"), Status = Enum.Parse<InvoiceStatus>(row.GetString("Status")!),
            OnHold = row.GetBoolean("OnHold") ?? false, PastDue = row.GetBoolean("PastDue") ?? false,
            Lines = lines, Labels = labels, AmountPaidMinor = row.GetInt64("AmountPaid") ?? 0,
            CreatedAt = row.GetDateTimeOffset("CreatedAt")!.Value, FinalizedAt = row.GetDateTimeOffset("FinalizedAt"),
            PaidAt = row.GetDateTimeOffset("PaidAt"), ClosedAt = row.GetDateTimeOffset("ClosedAt"),
            StripeInvoiceId = row.GetString("StripeInvoiceId"), Number = row.GetString("Number"),
            HostedInvoiceUrl = row.GetString("HostedInvoiceUrl"), NextLineNumber = row.GetInt32("NextLineNumber") ?? 1,
        };
    }
}

/// <summary>
/// Writes a string escaping only what JSON requires (quote, backslash, control characters), where the default
/// escapes every non-ASCII character to six: an invoice's worst case would then not fit in its row.
/// </summary>
internal sealed class UnescapedText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c < ' ') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else json.Append(c);
        }
        writer.WriteRawValue(json.Append('"').ToString());
    }
}
