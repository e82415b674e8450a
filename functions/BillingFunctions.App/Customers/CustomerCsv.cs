using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using BillingFunctions.Domain.Customers;

namespace BillingFunctions.App.Customers;

/// <summary>
/// The customer CSV (docs/CSV.md): a row per customer. The columns up to the currency are what an import reads; the
/// rest say what the customer became and an import ignores them.
/// </summary>
internal static class CustomerCsv
{
    public const string ExternalId = "external_id";
    public const string Name = "name";
    public const string Email = "email";
    public const string Line1 = "address_line1";
    public const string Line2 = "address_line2";
    public const string PostalCode = "address_postal_code";
    public const string City = "address_city";
    public const string Country = "address_country";
    public const string OwnerId = "owner_id";
    public const string Currency = "currency";

    /// <summary>What an import reads, in the order an export writes them.</summary>
    public static readonly IReadOnlyList<string> ImportColumns =
        [ExternalId, Name, Email, Line1, Line2, PostalCode, City, Country, OwnerId, Currency];

    public static readonly IReadOnlyList<string> Columns = [.. ImportColumns, "stripe_customer_id", "created_at"];

    /// <summary>The rows of the customers' name index rows (which carry every field of the customer), in their order.</summary>
    public static async IAsyncEnumerable<string?[]> RowsAsync(IAsyncEnumerable<TableEntity> nameRows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in nameRows.WithCancellation(cancellationToken)) yield return Row(CustomerRow.Read(row));
    }

    public static string?[] Row(CustomerSnapshot c) =>
    [
        c.Id.Value, c.Name, c.Email, c.Address?.Line1, c.Address?.Line2, c.Address?.PostalCode, c.Address?.City, c.Address?.Country,
        c.Owner.Value, c.Currency.Code, c.StripeCustomerId,
        c.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];
}
