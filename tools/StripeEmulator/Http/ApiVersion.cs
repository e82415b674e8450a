using System.Text.RegularExpressions;

namespace StripeEmulator.Http;

internal static partial class ApiVersion
{
    /// <summary>The version the emulator speaks: the one Stripe.net 53 pins. Events are stamped with it.</summary>
    public const string Current = "2026-10-28.endive";

    /// <summary>Stripe versions are dates, optionally with a release name (<c>2025-03-31.basil</c>).</summary>
    public static bool IsValid(string version) => Pattern().IsMatch(version);

    /// <summary>Whether <paramref name="version"/> is older than <paramref name="date"/>; behaviour changes are keyed by date.</summary>
    public static bool IsBefore(string version, string date) => string.CompareOrdinal(version[..Math.Min(10, version.Length)], date) < 0;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(\.[a-z]+)?(;.*)?$")]
    private static partial Regex Pattern();
}
