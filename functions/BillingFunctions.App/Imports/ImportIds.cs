using System.Security.Cryptography;
using System.Text;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Imports;

/// <summary>
/// The id a record gets from its external id, always the same one: what makes importing a file twice create nothing new.
/// An external id that is one of our ids of the record's kind (an exported file's) is kept, so a tenant's export imports
/// into another tenant with its ids; any other becomes the kind's prefix and a hash of it.
/// </summary>
public static class ImportIds
{
    /// <summary>The column every import file names its records' external ids in.</summary>
    public const string Column = "external_id";

    public const int MaxExternalIdLength = Ids.MaxLength;

    public static string For(string prefix, string externalId) =>
        externalId.StartsWith(prefix + "_", StringComparison.Ordinal) && Ids.IsValid(externalId)
            ? externalId
            : prefix + "_x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(externalId)))[..24];

    /// <summary>Null when <paramref name="externalId"/> can be one, else why not.</summary>
    public static string? Problem(string? externalId) =>
        externalId is null ? "An external id is required."
        : externalId.Length > MaxExternalIdLength ? $"An external id is at most {MaxExternalIdLength} characters."
        : externalId.Any(char.IsControl) ? "An external id has no control characters."
        : null;
}
