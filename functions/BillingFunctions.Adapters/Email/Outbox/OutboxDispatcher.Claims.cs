using Azure;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.Adapters.Email.Outbox;

public partial class OutboxDispatcher
{
    /// <summary>Either the ETag of a claim this dispatcher now holds, or why there is nothing to send.</summary>
    private readonly record struct Claim(ETag? ETag, OutboxOutcome Outcome, int Attempt = 1);

    private async Task<Claim> ClaimAsync(OutboxEmail email, CancellationToken ct)
    {
        var (tenant, key) = (email.TenantId, email.IdempotencyKey);
        var now = _time.GetUtcNow();
        var record = await _ledger.ReadAsync(tenant, key, ct).ConfigureAwait(false);
        if (record is null)
        {
            var etag = await _ledger.ClaimNewAsync(tenant, key, email.Message.MessageId, now, ct).ConfigureAwait(false);
            return new(etag, OutboxOutcome.Busy);
        }
        var expired = now - record.ClaimedAt >= _options.Lease;
        switch (record.Status)
        {
            case SendStatus.Sent:
                return new(null, OutboxOutcome.AlreadySent);
            case SendStatus.Uncertain:
                return new(null, OutboxOutcome.Uncertain);
            case SendStatus.Rejected:
                return new(null, OutboxOutcome.Rejected);
            case SendStatus.Sending when expired:
                _logger.LogWarning("Taking over outbox email {IdempotencyKey} of tenant {TenantId} after attempt {Attempt} stalled", key,
                    tenant, record.Attempts);
                return new(await _ledger.MoveAsync(tenant, key, record.ETag, SendStatus.Sending, now, ct, record.Attempts + 1,
                    now).ConfigureAwait(false),
                    OutboxOutcome.Busy, record.Attempts + 1);
            case SendStatus.Committing when expired:
                await _ledger.MoveAsync(tenant, key, record.ETag, SendStatus.Uncertain, now, ct).ConfigureAwait(false);
                _logger.LogError("Outbox email {IdempotencyKey} of tenant {TenantId} may or may not have been delivered; not resending", key, tenant);
                return new(null, OutboxOutcome.Uncertain);
            default:
                return new(null, OutboxOutcome.Busy);
        }
    }

    private async Task<OutboxOutcome> RefusedAsync(OutboxEmail email, ETag held, int attempt, SmtpCommandException refusal, CancellationToken ct)
    {
        var (tenant, key) = (email.TenantId, email.IdempotencyKey);
        var now = _time.GetUtcNow();
        // 4xx replies are transient (the same message may go through later), 5xx are permanent.
        if ((int)refusal.StatusCode is >= 400 and < 500 && attempt < _options.MaxAttempts)
        {
            // Release the claim at once (claimed a lease ago) so the next delivery of the message may try again.
            await _ledger.MoveAsync(tenant, key, held, SendStatus.Sending, now, ct, claimedAt: now - _options.Lease).ConfigureAwait(false);
            _logger.LogWarning("SMTP server deferred outbox email {IdempotencyKey} of tenant {TenantId}: {ReplyCode} ({Refused})", key, tenant,
                (int)refusal.StatusCode, refusal.ErrorCode);
            return OutboxOutcome.Deferred;
        }
        await _ledger.MoveAsync(tenant, key, held, SendStatus.Rejected, now, ct).ConfigureAwait(false);
        _logger.LogError("SMTP server rejected outbox email {IdempotencyKey} of tenant {TenantId}: {ReplyCode} ({Refused})", key, tenant,
            (int)refusal.StatusCode, refusal.ErrorCode);
        return OutboxOutcome.Rejected;
    }
}
