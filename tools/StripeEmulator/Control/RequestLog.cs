using System.Collections.Concurrent;

namespace StripeEmulator.Control;

/// <summary>A request as <c>GET /_emulator/requests</c> lists it, so tests can check what a client sent.</summary>
internal sealed record LoggedRequest(
    string RequestId, string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Params,
    string? IdempotencyKey, string? StripeAccount, string? StripeVersion, DateTimeOffset At)
{
    public int Status { get; set; }
}

internal sealed class RequestLog
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<LoggedRequest> _requests = new();

    public void Add(LoggedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Capacity) _requests.TryDequeue(out _);
    }

    public IReadOnlyList<LoggedRequest> All() => [.. _requests];

    public void Clear() => _requests.Clear();
}
