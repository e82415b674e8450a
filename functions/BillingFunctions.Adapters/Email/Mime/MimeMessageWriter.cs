using System.Globalization;
using System.Text;

namespace BillingFunctions.Adapters.Email.Mime;

/// <summary>Writes an <see cref="EmailMessage"/> as an RFC 5322 message: multipart/alternative, plain text first.</summary>
internal static class MimeMessageWriter
{
    public static string Write(EmailMessage message, DateTimeOffset date)
    {
        var boundary = "=_alt_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var builder = new StringBuilder();
        Header(builder, "From", HeaderEncoding.Mailbox(message.From));
        Header(builder, "To", HeaderEncoding.Mailbox(message.To));
        Header(builder, "Subject", HeaderEncoding.Text(message.Subject));
        Header(builder, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", ""));
        Header(builder, "Message-ID", "<" + MessageId(message.MessageId) + ">");
        Header(builder, "MIME-Version", "1.0");
        Header(builder, "Content-Type", $"multipart/alternative;\r\n boundary=\"{boundary}\"");
        builder.Append("\r\n");
        Part(builder, boundary, "text/plain", message.PlainText);
        Part(builder, boundary, "text/html", message.Html);
        builder.Append("--").Append(boundary).Append("--\r\n");
        return builder.ToString();
    }

    private static void Part(StringBuilder builder, string boundary, string mediaType, string body)
    {
        builder.Append("--").Append(boundary).Append("\r\n");
        Header(builder, "Content-Type", mediaType + "; charset=utf-8");
        Header(builder, "Content-Transfer-Encoding", "quoted-printable");
        builder.Append("\r\n").Append(QuotedPrintable.Encode(body)).Append("\r\n");
    }

    private static void Header(StringBuilder builder, string name, string value) =>
        builder.Append(name).Append(": ").Append(value).Append("\r\n");

    private static string MessageId(string id)
    {
        var valid = id.Contains('@') && id.All(c => c is > ' ' and < (char)127 and not '<' and not '>');
        return valid ? id : throw new ArgumentException($"'{id}' is not a valid Message-ID (id@domain, ASCII).", nameof(id));
    }
}
