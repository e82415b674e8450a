using System.Security.Cryptography;

namespace BillingFunctions.App.Http;

/// <summary>Our record ids: a type prefix and random hex, safe inside row keys and URLs.</summary>
public static class Ids
{
    public const int MaxLength = 100;

    public static string New(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>An id the client sent: only characters a row key and a URL segment carry as they are.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');
}
