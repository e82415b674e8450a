using System.Text;
using BillingFunctions.Adapters.Email.Mime;

namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>
/// Sends email over SMTP (RFC 5321) on a fresh connection per message: EHLO, optional STARTTLS or implicit TLS,
/// AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA with dot-stuffing. Thread-safe. Failures throw
/// <see cref="SmtpCommandException"/> (refused command) or <see cref="IOException"/>/socket errors (transport).
/// </summary>
public class SmtpEmailSender
{
    private readonly SmtpEmailSenderOptions _options = null!;
    private readonly TimeProvider _time = null!;

    /// <summary>For mocking only.</summary>
    protected SmtpEmailSender()
    {
    }

    /// <summary>Creates a sender; the clock stamps the Date header.</summary>
    public SmtpEmailSender(SmtpEmailSenderOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Host);
        _options = options;
        _time = time;
    }

    /// <summary>Sends one message.</summary>
    public virtual Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(message, beforeCommit: null, cancellationToken);

    /// <summary>
    /// Sends one message; <paramref name="beforeCommit"/> runs after the whole content reached the server and
    /// before the final "." that makes the server accept it. Until that dot the server discards the message if the
    /// connection drops, so a caller can record "about to commit" there and know that anything that failed earlier
    /// delivered nothing.
    /// </summary>
    public virtual async Task SendAsync(EmailMessage message, Func<CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = Encoding.ASCII.GetBytes(DotStuff(MimeMessageWriter.Write(message, _time.GetUtcNow())));
        var from = HeaderEncoding.Address(message.From.Address);
        var to = HeaderEncoding.Address(message.To.Address);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var ct = timeout.Token;
        await using var smtp = await SmtpConnection.OpenAsync(_options, ct).ConfigureAwait(false);
        await smtp.ExpectAsync("greeting", ct, 220).ConfigureAwait(false);
        var ehlo = await HelloAsync(smtp, ct).ConfigureAwait(false);
        if (_options.Security == SmtpSecurity.StartTls)
        {
            if (!ehlo.Offers("STARTTLS"))
                throw new SmtpCommandException("STARTTLS", 0, "the server does not offer STARTTLS and the sender requires it");
            await smtp.CommandAsync("STARTTLS", "STARTTLS", ct, 220).ConfigureAwait(false);
            await smtp.StartTlsAsync(_options, ct).ConfigureAwait(false);
            ehlo = await HelloAsync(smtp, ct).ConfigureAwait(false);
        }
        if (_options.UserName is not null)
            await AuthenticateAsync(smtp, ehlo, ct).ConfigureAwait(false);

        await smtp.CommandAsync($"MAIL FROM:<{from}>", "MAIL FROM", ct, 250).ConfigureAwait(false);
        await smtp.CommandAsync($"RCPT TO:<{to}>", "RCPT TO", ct, 250, 251).ConfigureAwait(false);
        await smtp.CommandAsync("DATA", "DATA", ct, 354).ConfigureAwait(false);
        await smtp.WriteAsync(payload, ct).ConfigureAwait(false);
        if (beforeCommit is not null)
            await beforeCommit(ct).ConfigureAwait(false);
        await smtp.CommandAsync(".", "end of DATA", ct, 250).ConfigureAwait(false);
        try
        {
            await smtp.CommandAsync("QUIT", "QUIT", ct, 221).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SmtpCommandException)
        {
            // The message is accepted; a server that hangs up without a goodbye changes nothing.
        }
    }

    /// <summary>Doubles a leading dot on every line (RFC 5321 4.5.2) so a line holding "." cannot end DATA early.</summary>
    internal static string DotStuff(string message)
    {
        var body = message.EndsWith("\r\n", StringComparison.Ordinal) ? message : message + "\r\n";
        body = body.Replace("\r\n.", "\r\n..", StringComparison.Ordinal);
        return body.StartsWith('.') ? "." + body : body;
    }

    private async Task<SmtpReply> HelloAsync(SmtpConnection smtp, CancellationToken ct)
    {
        try
        {
            return await smtp.CommandAsync($"EHLO {_options.ClientName}", "EHLO", ct, 250).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when (e.ReplyCode is 500 or 502)
        {
            return await smtp.CommandAsync($"HELO {_options.ClientName}", "HELO", ct, 250).ConfigureAwait(false);
        }
    }

    private async Task AuthenticateAsync(SmtpConnection smtp, SmtpReply ehlo, CancellationToken ct)
    {
        if (!smtp.IsEncrypted && !_options.AllowAuthWithoutTls)
            throw new InvalidOperationException("Refusing to send SMTP credentials over an unencrypted connection.");
        var user = _options.UserName!;
        var password = _options.Password ?? "";
        if (ehlo.Offers("AUTH", "PLAIN") || !ehlo.Offers("AUTH", "LOGIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            await smtp.CommandAsync($"AUTH PLAIN {token}", "AUTH PLAIN", ct, 235).ConfigureAwait(false);
            return;
        }
        await smtp.CommandAsync("AUTH LOGIN", "AUTH LOGIN", ct, 334).ConfigureAwait(false);
        await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), "AUTH LOGIN user", ct, 334).ConfigureAwait(false);
        await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), "AUTH LOGIN password", ct, 235).ConfigureAwait(false);
    }
}
