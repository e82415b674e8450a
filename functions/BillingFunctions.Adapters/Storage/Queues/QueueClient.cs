using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Sends and receives the messages of one queue over the Queue REST API, through an Azure.Core
/// pipeline (retries, logging, tracing). Message text travels base64-encoded, as the Azure Functions
/// queue trigger expects. Thread-safe; create one per queue and keep it.
/// </summary>
public class QueueClient
{
    /// <summary>The longest a message can be kept invisible: seven days.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>Most messages one receive or peek can return.</summary>
    public const int MaxMessagesPerReceive = 32;

    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>For mocking only.</summary>
    protected QueueClient()
    {
        Name = "";
    }

    /// <summary>Creates a client signing with the account key from <paramref name="connectionString"/>.</summary>
    public QueueClient(string connectionString, string queueName, QueueClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), queueName, options ?? new QueueClientOptions())
    {
    }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (e.g. a managed identity).</summary>
    public QueueClient(Uri endpoint, string queueName, TokenCredential credential, QueueClientOptions? options = null)
        : this(endpoint, queueName, QueueServiceClient.BuildPipeline(StoragePipeline.Bearer(credential), options ?? new QueueClientOptions()))
    {
    }

    private QueueClient(StorageConnection connection, string queueName, QueueClientOptions options)
        : this(connection.QueueEndpoint, queueName, QueueServiceClient.BuildPipeline(connection, options))
    {
    }

    internal QueueClient(Uri endpoint, string queueName, HttpPipeline pipeline)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        _endpoint = endpoint;
        _pipeline = pipeline;
        Name = queueName;
    }

    /// <summary>The queue name.</summary>
    public virtual string Name { get; }

    /// <summary>Creates the queue unless it exists.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, "");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        // QueueAlreadyExists means it exists with other metadata; this client sets none, so it is ours to use.
        StoragePipeline.ThrowUnlessOkOr(response, "QueueAlreadyExists");
    }

    /// <summary>Deletes the queue and its messages; does nothing when it does not exist.</summary>
    public virtual async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 404)
            throw StoragePipeline.Failure(response);
    }

    /// <summary>Sends a message.</summary>
    /// <param name="messageText">The text; sent base64-encoded (at most 64 KiB after encoding).</param>
    /// <param name="visibilityTimeout">How long the message stays invisible first, up to seven days and shorter than
    /// <paramref name="timeToLive"/>; null for none.</param>
    /// <param name="timeToLive">How long the service keeps it; null for seven days, <see cref="Timeout.InfiniteTimeSpan"/> for ever.
    /// A wake-up delayed by days should live for ever, or it expires the moment it would become visible.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        QueueArguments.CheckDelay(visibilityTimeout, timeToLive);
        using var message = CreateMessage(RequestMethod.Post, "/messages");
        if (visibilityTimeout is { } delay)
            message.Request.Uri.AppendQuery("visibilitytimeout", QueueArguments.Seconds(delay), escapeValue: false);
        if (timeToLive is { } ttl)
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : QueueArguments.Seconds(ttl), escapeValue: false);
        SetXml(message, messageText);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowIfError(response);
        return QueueMessageXml.SendReceipt(QueueMessageXml.Messages(response.Content).Single());
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> visible messages (1 to 32) and hides them for
    /// <paramref name="visibilityTimeout"/> (default 30 seconds); delete each once handled.
    /// </summary>
    public virtual async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        message.Request.Uri.AppendQuery("numofmessages", QueueArguments.Count(maxMessages), escapeValue: false);
        if (visibilityTimeout is { } timeout)
            message.Request.Uri.AppendQuery("visibilitytimeout", QueueArguments.Seconds(QueueArguments.CheckVisibility(timeout)), escapeValue: false);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowIfError(response);
        return QueueMessageXml.Messages(response.Content).Select(QueueMessageXml.Received).ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    public virtual async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true", escapeValue: false);
        message.Request.Uri.AppendQuery("numofmessages", QueueArguments.Count(maxMessages), escapeValue: false);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowIfError(response);
        return QueueMessageXml.Messages(response.Content).Select(QueueMessageXml.Peeked).ToList();
    }

    /// <summary>
    /// Deletes a received message. Throws 400 PopReceiptMismatch when the message was received or
    /// updated again since (the pop receipt is stale), and 404 MessageNotFound when it is gone.
    /// </summary>
    public virtual async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        ThrowIfError(await SendAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Changes a received message's visibility timeout and, unless <paramref name="messageText"/> is null, its text.
    /// The returned pop receipt replaces the old one.
    /// </summary>
    public virtual async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, string? messageText, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", QueueArguments.Seconds(QueueArguments.CheckVisibility(visibilityTimeout)), escapeValue: false);
        if (messageText is not null)
            SetXml(message, messageText);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowIfError(response);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new UpdateReceipt(newReceipt ?? "", QueueMessageXml.ParseDate(nextVisible) ?? default);
    }

    /// <summary>The approximate number of messages in the queue, visible or not.</summary>
    public virtual async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "");
        message.Request.Uri.AppendQuery("comp", "metadata", escapeValue: false);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowIfError(response);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : 0;
    }

    private HttpMessage CreateMessage(RequestMethod method, string escapedSubPath)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(_endpoint);
        message.Request.Uri.AppendPath("/" + Uri.EscapeDataString(Name) + escapedSubPath, escape: false);
        return message;
    }

    private static void SetXml(HttpMessage message, string text)
    {
        message.Request.Headers.Add("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(QueueMessageXml.Body(text));
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private static void ThrowIfError(Response response)
    {
        if (response.IsError)
            throw StoragePipeline.Failure(response);
    }
}
