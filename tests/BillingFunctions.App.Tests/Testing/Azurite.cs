namespace BillingFunctions.App.Tests.Testing;

internal static class Azurite
{
    /// <summary>Storage tests need Azurite; without it they fail loudly rather than skip.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run the tests through scripts/test.sh or scripts/dev-azurite.sh, which start Azurite.");

    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 63)];
}
