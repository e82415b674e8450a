using System.Security.Cryptography;

namespace StripeEmulator.State;

internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A Stripe-looking id such as <c>cus_NffrFeUfNV2Hib</c>.</summary>
    public static string New(string prefix, int length = 24) =>
        prefix + "_" + RandomNumberGenerator.GetString(Alphabet, length);
}
