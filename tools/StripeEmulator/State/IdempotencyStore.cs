using System.Collections.Concurrent;

namespace StripeEmulator.State;

/// <summary>First responses by idempotency key, for one account.</summary>
internal sealed class IdempotencyStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A key's request: <see cref="Response"/> stays null while the first request still runs.</summary>
    public sealed record Entry(string Fingerprint, StoredResponse? Response);

    public sealed record StoredResponse(int Status, string Body);

    /// <summary>Claims the key for a new request, or returns the entry that already holds it.</summary>
    public Entry? TryClaim(string key, string fingerprint) =>
        _entries.TryAdd(key, new Entry(fingerprint, null)) ? null : _entries[key];

    public void Complete(string key, string fingerprint, StoredResponse response) =>
        _entries[key] = new Entry(fingerprint, response);

    /// <summary>Frees the key when no result is kept (validation errors, faults), so a retry runs afresh.</summary>
    public void Release(string key) => _entries.TryRemove(key, out _);
}
