using System.Collections.Concurrent;

namespace StripeEmulator.State;

/// <summary>All accounts; each <c>Stripe-Account</c> header value is its own namespace.</summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    public AccountState Account(string? accountId) =>
        _accounts.GetOrAdd(accountId ?? "", id => new AccountState(id.Length == 0 ? null : id));

    public AccountState? FindBySegment(string segment) =>
        _accounts.TryGetValue(segment == "default" ? "" : segment, out var account) ? account : null;

    public IEnumerable<AccountState> Accounts => _accounts.Values;

    public void Reset() => _accounts.Clear();
}
