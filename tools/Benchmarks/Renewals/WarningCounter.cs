using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Benchmarks.Renewals;

/// <summary>
/// Counts the warnings and errors the hosts log, by category and event, and keeps one message of each: the task hub's
/// retries (a message abandoned and dequeued again) are time the benchmark spends, worth a line in its figures rather
/// than a line per occurrence on the console.
/// </summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private readonly ConcurrentDictionary<(string Category, string Event), (int Count, string First)> _counts = new();

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    /// <summary>"N × category event: first message", most frequent first.</summary>
    public IReadOnlyList<string> Describe() => _counts.OrderByDescending(c => c.Value.Count)
        .Select(c => $"{c.Value.Count} x {c.Key.Category} {c.Key.Event}: {c.Value.First}").ToList();

    public void Dispose()
    {
    }

    private sealed class Counting(WarningCounter counter, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var name = eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            counter._counts.AddOrUpdate((category, $"{logLevel} {name}"), (1, message.Length > 200 ? message[..200] + "..." : message),
                (_, c) => (c.Count + 1, c.First));
        }
    }
}
