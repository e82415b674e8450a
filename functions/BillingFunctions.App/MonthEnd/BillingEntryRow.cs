using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// The <c>mon|{period}|{customer}</c> row: one billing entry as flat properties. Period first in the key, so one
/// period's entries (what the report reads) are one range; Owner and OwnerTeam are columns, so lists filter by
/// visibility like invoices do.
/// </summary>
internal static class BillingEntryRow
{
    public const string Prefix = "mon|";

    public static string Key(BillingPeriod period, CustomerId customer) => $"{Prefix}{period}|{customer.Value}";

    public static string PeriodPrefix(BillingPeriod period) => $"{Prefix}{period}|";

    /// <summary>Reads an id of the form <c>month-end:{customer}:{yyyy-MM}</c> back into its parts.</summary>
    public static bool TryParseId(string? id, out CustomerId customer, out BillingPeriod period)
    {
        customer = default;
        period = default;
        var parts = (id ?? "").Split(':');
        if (parts.Length != 3 || parts[0] != "month-end" || !Http.Ids.IsValid(parts[1]) || !TryParsePeriod(parts[2], out period)) return false;
        customer = new CustomerId(parts[1]);
        return BillingEntryId.For(customer, period).Value == id;
    }

    /// <summary>A month written yyyy-MM, inside <see cref="Api.BusinessDates"/>' range.</summary>
    public static bool TryParsePeriod(string? text, out BillingPeriod period)
    {
        period = default;
        if (text is not { Length: 7 } || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var day)
            || !Http.BusinessDates.Contains(day))
            return false;
        period = BillingPeriod.Of(day);
        return true;
    }

    public static TableEntity Write(TenantId tenant, BillingEntrySnapshot e) => new(tenant.Value, Key(e.Period, e.Customer))
    {
        ["EntryId"] = e.Id.Value, ["Customer"] = e.Customer.Value, ["Owner"] = e.Owner.Value, ["OwnerTeam"] = e.OwnerTeam?.Value,
        ["Currency"] = e.Currency.Code, ["Name"] = e.BillingDetails.Name, ["Email"] = e.BillingDetails.Email,
        ["Line1"] = e.BillingDetails.Address?.Line1, ["Line2"] = e.BillingDetails.Address?.Line2,
        ["PostalCode"] = e.BillingDetails.Address?.PostalCode, ["City"] = e.BillingDetails.Address?.City,
        ["Country"] = e.BillingDetails.Address?.Country,
        ["Period"] = e.Period.ToString(), ["OpenedAt"] = e.OpenedAt, ["DeadlineAt"] = e.DeadlineAt, ["Status"] = e.Status.ToString(),
        ["AmountMinor"] = e.AmountMinor, ["Note"] = e.Note, ["SubmittedBy"] = e.SubmittedBy?.Value, ["SubmittedAt"] = e.SubmittedAt,
        ["ReviewedBy"] = e.ReviewedBy?.Value, ["ReviewedAt"] = e.ReviewedAt, ["ReviewComment"] = e.ReviewComment,
        ["InvoiceId"] = e.Invoice?.Value, ["InvoicedAt"] = e.InvoicedAt, ["Version"] = e.Version,
    };

    public static BillingEntrySnapshot Read(TableEntity row)
    {
        TryParsePeriod(row.GetString("Period"), out var period);
        string?[] address = [row.GetString("Line1"), row.GetString("Line2"), row.GetString("PostalCode"), row.GetString("City"),
            row.GetString("Country")];
        return new BillingEntrySnapshot
        {
            Id = new BillingEntryId(row.GetString("EntryId")!), Customer = new CustomerId(row.GetString("Customer")!),
            Owner = new UserId(row.GetString("Owner")!), OwnerTeam = row.GetString("OwnerTeam") is { } team ? new TeamId(team) : null,
            Currency = Currency.Parse(row.GetString("Currency")!),
            BillingDetails = new MonthEndBillingDetails(row.GetString("Name")!, row.GetString("Email"),
                address.All(a => a is null) ? null : new BillingAddress(address[0], address[1], address[2], address[3], address[4])),
            Period = period, OpenedAt = row.GetDateTimeOffset("OpenedAt")!.Value, DeadlineAt = row.GetDateTimeOffset("DeadlineAt")!.Value,
            Status = Enum.Parse<BillingEntryStatus>(row.GetString("Status")!), AmountMinor = row.GetInt64("AmountMinor"),
            Note = row.GetString("Note"),
            SubmittedBy = row.GetString("SubmittedBy") is { } submitter ? new UserId(submitter) : null,
            SubmittedAt = row.GetDateTimeOffset("SubmittedAt"),
            ReviewedBy = row.GetString("ReviewedBy") is { } reviewer ? new UserId(reviewer) : null, ReviewedAt = row.GetDateTimeOffset("ReviewedAt"),
            ReviewComment = row.GetString("ReviewComment"), Invoice = row.GetString("InvoiceId") is { } invoice ? new InvoiceId(invoice) : null,
            InvoicedAt = row.GetDateTimeOffset("InvoicedAt"), Version = row.GetInt32("Version") ?? 1,
        };
    }
}
