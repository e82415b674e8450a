using System.Collections.Concurrent;

namespace BillingFunctions.App.Hosting;

/// <summary>Logs to the app's logger and keeps the formatted lines for the invocation response's Logs.</summary>
internal sealed class InvocationLogger(ILogger inner) : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        inner.Log(logLevel, eventId, state, exception, formatter);
        if (logLevel < LogLevel.Information) return;
        var line = formatter(state, exception);
        if (exception is not null) line += $" {exception.GetType().Name}: {exception.Message}";
        _lines.Enqueue(line);
    }
}
