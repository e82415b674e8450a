using System.Text.Json;
using Azure.Storage.Queues;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Imports;

/// <summary>The <c>csv-imports</c> queue message: which stored import to run. The file and its status stay in the table.</summary>
public sealed record ImportMessage(string Tenant, string ImportId)
{
    public const string QueueName = "csv-imports";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportMessage Parse(string json) =>
        JsonSerializer.Deserialize<ImportMessage>(json, Json) is { Tenant.Length: > 0, ImportId.Length: > 0 } message
            ? message
            : throw new JsonException("A csv-imports message needs tenant and importId.");
}

/// <summary>Puts accepted imports on <c>csv-imports</c> for <see cref="RunImportFunction"/>.</summary>
public class ImportQueue(StorageAccounts storage)
{
    private QueueClient Queue => storage.GetQueueClient(ImportMessage.QueueName);

    public virtual Task EnqueueAsync(ImportMessage message, CancellationToken cancellationToken) =>
        Queue.SendMessageAsync(message.ToJson(), cancellationToken: cancellationToken);
}
