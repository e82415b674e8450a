using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>
/// Sends email with MailKit on a fresh connection per message. Thread-safe. A command the server refuses throws
/// MailKit's <see cref="SmtpCommandException"/>; failed authentication, TLS and transport throw MailKit's and
/// .NET's own exceptions; an address MimeKit cannot parse throws <see cref="ParseException"/> before connecting.
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
    /// Sends one message; <paramref name="beforeCommit"/> runs after the whole content went into DATA and before the
    /// final "." that makes the server accept it. Until that dot the server discards the message if the connection
    /// drops, so a caller can record "about to commit" there and know that anything that failed earlier delivered
    /// nothing.
    /// </summary>
    public virtual async Task SendAsync(EmailMessage message, Func<CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = Compose(message, beforeCommit);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var ct = timeout.Token;
        using var client = new SmtpClient { LocalDomain = _options.ClientName };
        if (_options.CertificateValidation is { } validation)
            client.ServerCertificateValidationCallback = validation;
        await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(_options.Security), ct).ConfigureAwait(false);
        if (_options.UserName is not null)
        {
            if (!client.IsSecure && !_options.AllowAuthWithoutTls)
                throw new InvalidOperationException("Refusing to send SMTP credentials over an unencrypted connection.");
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct).ConfigureAwait(false);
        }
        await client.SendAsync(mime, ct).ConfigureAwait(false);
        // The message is accepted; MailKit ignores a server that hangs up without answering QUIT.
        await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
    }

    private MimeMessage Compose(EmailMessage message, Func<CancellationToken, Task>? beforeCommit)
    {
        var body = beforeCommit is null ? new MultipartAlternative() : new CommitHookBody(beforeCommit);
        body.Add(new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.PlainText });
        body.Add(new TextPart(MimeKit.Text.TextFormat.Html) { Text = message.Html });
        var mime = new MimeMessage { Subject = message.Subject, Date = _time.GetUtcNow(), MessageId = message.MessageId, Body = body };
        mime.From.Add(new MailboxAddress(message.From.DisplayName, message.From.Address));
        mime.To.Add(new MailboxAddress(message.To.DisplayName, message.To.Address));
        return mime;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
