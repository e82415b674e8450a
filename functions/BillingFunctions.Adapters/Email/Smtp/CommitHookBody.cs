using MimeKit;
using MimeKit.IO;

namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>
/// The multipart/alternative body of a message whose sender needs to act just before the server may accept it.
/// MailKit writes the body last into DATA and only then sends the final "."; its SmtpClient has no hook there, so
/// the body itself calls back once it is written.
/// </summary>
internal sealed class CommitHookBody(Func<CancellationToken, Task> beforeCommit) : MultipartAlternative
{
    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken).ConfigureAwait(false);
        // MailKit first measures the message when the server announces SIZE (every real relay does); that write
        // goes nowhere and must not count as the commit.
        if (stream is not MeasuringStream)
            await beforeCommit(cancellationToken).ConfigureAwait(false);
    }
}
