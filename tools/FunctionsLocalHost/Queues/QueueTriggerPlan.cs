using Azure.Storage.Queues;
using FunctionsLocalHost.Discovery;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsLocalHost.Queues;

/// <summary>A queue trigger with its queue name and connection resolved from app settings.</summary>
internal sealed record QueueTriggerPlan(LocalFunction Function, string QueueName, string ConnectionString)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    public static QueueTriggerPlan? Resolve(LocalFunction function, AppSettings settings)
    {
        var trigger = (QueueTriggerAttribute)function.Trigger;
        var queueName = settings.Resolve(function.Name, "queue name", trigger.QueueName);
        var connection = settings.Connection(function.Name, trigger.Connection is { Length: > 0 } name ? name : DefaultConnection);
        return connection is null ? null : new QueueTriggerPlan(function, queueName, connection);
    }

    /// <summary>
    /// Raw message text in and out (the host decodes base64 itself, so a message that is not base64 can be moved to
    /// poison exactly as stored), and the service version pinned, since Azurite refuses the SDK's newest.
    /// </summary>
    public QueueClient Client(string queueName) =>
        new(ConnectionString, queueName, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
}
