using System.Text;
using Azure.Data.Tables;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Customers;

/// <summary>
/// The <c>cus|{id}</c> row, and the <c>idx|cusname|{name}|{id}</c> row that lists customers by name and answers
/// prefix searches; it carries owner and team so a rep's list filters without reading the customer rows.
/// </summary>
internal static class CustomerRow
{
    public const string Prefix = "cus|";
    public const string NamePrefix = "idx|cusname|";

    public static string Key(CustomerId id) => Prefix + id.Value;

    public static string NameKey(CustomerSnapshot c) => NamePrefix + NormalizeName(c.Name) + "|" + c.Id.Value;

    /// <summary>Lower case, and without the characters a row key forbids ('/', '\', '#', '?', '|', control characters).</summary>
    public static string NormalizeName(string name)
    {
        var normalized = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
            normalized.Append(c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? ' ' : c);
        return normalized.ToString();
    }

    public static TableEntity Write(TenantId tenant, CustomerSnapshot c) => Fields(new TableEntity(tenant.Value, Key(c.Id)), c);

    public static TableEntity WriteNameIndex(TenantId tenant, CustomerSnapshot c) => Fields(new TableEntity(tenant.Value, NameKey(c)), c);

    private static TableEntity Fields(TableEntity row, CustomerSnapshot c)
    {
        row["CustomerId"] = c.Id.Value; row["Name"] = c.Name; row["Email"] = c.Email;
        row["Line1"] = c.Address?.Line1; row["Line2"] = c.Address?.Line2; row["PostalCode"] = c.Address?.PostalCode;
        row["City"] = c.Address?.City; row["Country"] = c.Address?.Country;
        row["Owner"] = c.Owner.Value; row["OwnerTeam"] = c.OwnerTeam?.Value; row["Currency"] = c.Currency.Code;
        row["StripeCustomerId"] = c.StripeCustomerId; row["DefaultPaymentMethod"] = c.DefaultPaymentMethod;
        row["Version"] = c.Version; row["CreatedAt"] = c.CreatedAt;
        return row;
    }

    public static CustomerSnapshot Read(TableEntity row)
    {
        string?[] address = [row.GetString("Line1"), row.GetString("Line2"), row.GetString("PostalCode"), row.GetString("City"),
            row.GetString("Country")];
        return new CustomerSnapshot
        {
            Id = new CustomerId(row.GetString("CustomerId")!), Name = row.GetString("Name")!, Email = row.GetString("Email"),
            Address = address.All(a => a is null) ? null : new BillingAddress(address[0], address[1], address[2], address[3], address[4]),
            Owner = new UserId(row.GetString("Owner")!), OwnerTeam = row.GetString("OwnerTeam") is { } team ? new TeamId(team) : null,
            Currency = Currency.Parse(row.GetString("Currency")!), StripeCustomerId = row.GetString("StripeCustomerId"),
            DefaultPaymentMethod = row.GetString("DefaultPaymentMethod"), Version = row.GetInt32("Version") ?? 1,
            CreatedAt = row.GetDateTimeOffset("CreatedAt")!.Value,
        };
    }
}
