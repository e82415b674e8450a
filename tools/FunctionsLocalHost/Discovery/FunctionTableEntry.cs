namespace FunctionsLocalHost.Discovery;

/// <summary>
/// One function as the host runs it, in functions.metadata's terms: route, methods, schedule and queue as declared
/// (a <c>%setting%</c> stays as written), so the table can be compared with what the Worker SDK generates.
/// </summary>
public sealed record FunctionTableEntry(string Name, string TriggerType, string? Route, IReadOnlyList<string>? Methods, string? Schedule,
    string? Queue, string? Connection);
