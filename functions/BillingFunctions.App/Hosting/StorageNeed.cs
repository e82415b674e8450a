namespace BillingFunctions.App.Hosting;

/// <summary>
/// A table or queue a feature keeps its data in, registered by the feature (<c>services.AddSingleton(StorageNeed.Queue(...))</c>)
/// so that <see cref="StorageBootstrap"/> creates it without knowing the feature.
/// </summary>
public sealed record StorageNeed(string? Table, string? Queue)
{
    public static StorageNeed ForTable(string name) => new(name, null);

    public static StorageNeed ForQueue(string name) => new(null, name);
}
