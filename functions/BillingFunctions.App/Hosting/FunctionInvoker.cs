using System.Text.Json;

namespace BillingFunctions.App.Hosting;

public sealed record InvocationResult(bool Succeeded, InvocationResponse Response);

/// <summary>
/// Runs a timer or queue function for an invocation request. The host's POST /{function} and the local trigger
/// runner both come through here with the same payload shape, so a handler cannot tell who fired it.
/// </summary>
public sealed class FunctionInvoker(FunctionCatalog catalog, IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoOutputs = new Dictionary<string, JsonElement>();

    public async Task<InvocationResult> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancellationToken)
    {
        var function = catalog.Find(functionName) ?? throw new ArgumentException($"No function is named '{functionName}'.", nameof(functionName));
        var logger = new InvocationLogger(loggerFactory.CreateLogger("Function." + function.Name));
        var data = request.Data ?? new Dictionary<string, JsonElement>();
        var metadata = request.Metadata ?? new Dictionary<string, JsonElement>();

        await using var scope = scopes.CreateAsyncScope();
        var context = new FunctionContext(function.Name, scope.ServiceProvider, logger, metadata);
        try
        {
            var trigger = TriggerValue(function, data);
            switch (function)
            {
                case TimerFunction timer:
                    var info = InvocationJson.ReadObject<TimerInfo>(trigger) ?? throw new InvalidDataException("The timer value is empty.");
                    await timer.Handler(info, context, cancellationToken);
                    break;
                case QueueFunction queue:
                    await queue.Handler(InvocationJson.ReadString(trigger), context, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"'{function.Name}' is an HTTP function; the host forwards its requests instead.");
            }

            return new InvocationResult(true, new InvocationResponse(NoOutputs, logger.Lines, null));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Function {FunctionName} failed", function.Name);
            return new InvocationResult(false, new InvocationResponse(NoOutputs, logger.Lines, null));
        }
    }

    private static JsonElement TriggerValue(FunctionDeclaration function, IReadOnlyDictionary<string, JsonElement> data)
    {
        if (data.TryGetValue(function.TriggerBindingName, out var value)) return value;
        // Binding names are ours, but match the host's case-insensitivity.
        foreach (var (key, element) in data)
        {
            if (string.Equals(key, function.TriggerBindingName, StringComparison.OrdinalIgnoreCase)) return element;
        }

        throw new InvalidDataException($"The invocation has no Data.{function.TriggerBindingName} for '{function.Name}'.");
    }
}
