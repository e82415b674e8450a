using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.Email.Smtp;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.Adapters.Email.Outbox;

/// <summary>
/// Sends outbox emails so that one idempotency key is delivered at most once. Per key a row moves
/// Sending (claimed, ETag-guarded) → Committing (written just before SMTP's final ".") → Sent.
/// A crash before Committing delivered nothing (the server drops an unfinished DATA), so the claim is taken over
/// after its lease and the email goes out once. A crash after Committing cannot tell whether the server accepted
/// the message; the key becomes <see cref="SendStatus.Uncertain"/> and is not resent: a possible lost email
/// (a window of one network round trip) instead of a possible duplicate.
/// </summary>
public partial class OutboxDispatcher
{
    private readonly QueueClient _queue = null!;
    private readonly SentLedger _ledger = null!;
    private readonly SmtpEmailSender _sender = null!;
    private readonly TimeProvider _time = null!;
    private readonly ILogger _logger = null!;
    private readonly OutboxDispatcherOptions _options = null!;

    /// <summary>For mocking only.</summary>
    protected OutboxDispatcher()
    {
    }

    /// <summary>Creates a dispatcher reading <paramref name="queue"/> and recording sends in <paramref name="sentTable"/>.</summary>
    public OutboxDispatcher(QueueClient queue, TableClient sentTable, SmtpEmailSender sender, TimeProvider time,
        ILogger<OutboxDispatcher> logger, OutboxDispatcherOptions? options = null)
    {
        _queue = queue;
        _ledger = new SentLedger(sentTable);
        _sender = sender;
        _time = time;
        _logger = logger;
        _options = options ?? new OutboxDispatcherOptions();
    }

    /// <summary>How long a claim protects a send; a message found busy is worth retrying after this.</summary>
    public virtual TimeSpan Lease => _options.Lease;

    /// <summary>The row (in the tenant's partition of the sent table) that records the send of <paramref name="idempotencyKey"/>.</summary>
    public static string SentRowKey(string idempotencyKey) => SentLedger.RowKey(idempotencyKey);

    /// <summary>Takes one batch off the queue and handles it; returns how many messages were finished (and deleted).</summary>
    public virtual async Task<int> DrainOnceAsync(CancellationToken cancellationToken = default)
    {
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout,
            cancellationToken).ConfigureAwait(false);
        var finished = 0;
        foreach (var message in messages)
        {
            if (await HandleAsync(message, cancellationToken).ConfigureAwait(false))
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                finished++;
            }
        }
        return finished;
    }

    private async Task<bool> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        OutboxEmail email;
        try
        {
            email = OutboxEmail.FromJson(message.MessageText);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            _logger.LogError(e, "Dropping unreadable outbox message {MessageId}", message.MessageId);
            return true;
        }
        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            _logger.LogError("Dropping outbox email {IdempotencyKey} of tenant {TenantId} after {DequeueCount} attempts",
                email.IdempotencyKey, email.TenantId, message.DequeueCount);
            return true;
        }
        var outcome = await DeliverAsync(email, cancellationToken).ConfigureAwait(false);
        return outcome is not (OutboxOutcome.Busy or OutboxOutcome.Deferred);
    }

    /// <summary>Delivers one email unless its key was delivered (or may have been) before.</summary>
    public virtual async Task<OutboxOutcome> DeliverAsync(OutboxEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var (tenant, key) = (email.TenantId, email.IdempotencyKey);
        var claim = await ClaimAsync(email, cancellationToken).ConfigureAwait(false);
        if (claim.ETag is not { } claimed)
            return claim.Outcome;

        ETag? committed = null;
        try
        {
            await _sender.SendAsync(email.Message, async ct =>
            {
                committed = await _ledger.MoveAsync(tenant, key, claimed, SendStatus.Committing, _time.GetUtcNow(), ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Lost the claim on outbox email {key}; another dispatcher took it over.");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            // A clean refusal, even of the final ".", means the server did not take the message.
            return await RefusedAsync(email, committed ?? claimed, claim.Attempt, e, cancellationToken).ConfigureAwait(false);
        }

        if (await _ledger.MoveAsync(tenant, key, committed!.Value, SendStatus.Sent, _time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) is null)
            _logger.LogWarning("Outbox email {IdempotencyKey} of tenant {TenantId} was sent but its row changed meanwhile", key, tenant);
        _logger.LogInformation("Sent outbox email {IdempotencyKey} of tenant {TenantId}", key, tenant);
        return OutboxOutcome.Sent;
    }
}
