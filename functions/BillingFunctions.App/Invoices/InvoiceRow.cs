using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Api;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Invoices;

/// <summary>The <c>inv|{id}</c> row: an invoice snapshot as flat properties, its lines as one JSON column.</summary>
internal static class InvoiceRow
{
    public const string Prefix = "inv|";

    private sealed record StoredLine(string Id, string Description, long Quantity, long UnitAmount, int? TaxRateBasisPoints);

    public static string Key(InvoiceId id) => Prefix + id.Value;

    public static TableEntity Write(TenantId tenant, InvoiceSnapshot s)
    {
        var invoice = Invoice.Restore(s);
        return new TableEntity(tenant.Value, Key(s.Id))
        {
            ["Customer"] = s.Customer.Value, ["Owner"] = s.Owner.Value, ["OwnerTeam"] = s.OwnerTeam?.Value,
            ["Currency"] = s.Currency.Code, ["Collection"] = s.Collection.ToString(),
            ["DueDate"] = s.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["DaysUntilDue"] = s.DaysUntilDue,
            ["Status"] = s.Status.ToString(), ["OnHold"] = s.OnHold, ["PastDue"] = s.PastDue,
            ["Lines"] = JsonSerializer.Serialize(s.Lines.Select(l => new StoredLine(l.Id, l.Description, l.Quantity, l.UnitAmount.Minor, l.TaxRateBasisPoints)), Json.Options),
            ["Labels"] = string.Join(',', s.Labels.Select(l => l.Value)),
            ["AmountPaid"] = s.AmountPaidMinor, ["CreatedAt"] = s.CreatedAt, ["FinalizedAt"] = s.FinalizedAt,
            ["PaidAt"] = s.PaidAt, ["ClosedAt"] = s.ClosedAt, ["StripeInvoiceId"] = s.StripeInvoiceId,
            ["Number"] = s.Number, ["HostedInvoiceUrl"] = s.HostedInvoiceUrl, ["NextLineNumber"] = s.NextLineNumber,
            // Derived, for people reading the table and for recounts; never read back.
            ["Total"] = invoice.Total.Minor, ["View"] = invoice.View.ToString(),
        };
    }

    public static InvoiceSnapshot Read(TableEntity row)
    {
        var currency = Currency.Parse(row.GetString("Currency")!);
        var lines = JsonSerializer.Deserialize<List<StoredLine>>(row.GetString("Lines") ?? "[]", Json.Options)!
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
