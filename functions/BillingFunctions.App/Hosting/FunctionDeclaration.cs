namespace BillingFunctions.App.Hosting;

/// <summary>
/// One function, declared once: <c>function.json</c> is generated from it, the app maps or invokes its handler, and
/// the local trigger runner fires it. The name is the function folder name and the host's invocation path.
/// </summary>
public abstract record FunctionDeclaration(string Name)
{
    /// <summary>The name of the trigger binding in function.json, and so the key of its value in an invocation's Data.</summary>
    public abstract string TriggerBindingName { get; }
}

public enum HttpAuthLevel
{
    Anonymous,
    Function,
    Admin,
}

/// <summary>
/// An HTTP function: an ordinary ASP.NET Core endpoint at <c>/api/{Route}</c>, forwarded as-is by the host. Without a
/// <see cref="Handler"/> the host forwards the route to endpoints the app maps on its own (the CRM API's route groups).
/// </summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, Delegate? Handler)
    : FunctionDeclaration(Name)
{
    public const string RoutePrefix = "api";

    public HttpAuthLevel AuthLevel { get; init; } = HttpAuthLevel.Anonymous;

    public override string TriggerBindingName => "req";

    public string Path => $"/{RoutePrefix}/{Route}";
}

public delegate Task TimerHandler(TimerInfo timer, FunctionContext context, CancellationToken cancellationToken);

/// <summary>A timer function on a six-field NCRONTAB schedule (or a <c>%Setting%</c> naming one).</summary>
public sealed record TimerFunction(string Name, string Schedule, TimerHandler Handler) : FunctionDeclaration(Name)
{
    public bool RunOnStartup { get; init; }

    /// <summary>Persist schedule status so missed occurrences are detected after downtime (the host's schedule monitor).</summary>
    public bool UseMonitor { get; init; } = true;

    public override string TriggerBindingName => "timer";
}

public delegate Task QueueHandler(string message, FunctionContext context, CancellationToken cancellationToken);

/// <summary>
/// A queue function. <see cref="Connection"/> names the setting holding the storage connection string; the host
/// reads the same setting. A handler that throws fails the invocation, so the message is retried and eventually
/// moved to <c>{QueueName}-poison</c>.
/// </summary>
public sealed record QueueFunction(string Name, string QueueName, QueueHandler Handler) : FunctionDeclaration(Name)
{
    public string Connection { get; init; } = AppSettings.StorageConnectionSetting;

    public override string TriggerBindingName => "message";

    /// <summary>Where messages go after maxDequeueCount failures: the (resolved) queue name plus "-poison", as the host names it.</summary>
    public string PoisonQueueName(string resolvedQueueName) => resolvedQueueName + "-poison";
}
