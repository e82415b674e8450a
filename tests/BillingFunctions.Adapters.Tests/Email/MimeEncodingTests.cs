using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Mime;
using BillingFunctions.Adapters.Email.Smtp;

namespace BillingFunctions.Adapters.Tests.Email;

public class MimeEncodingTests
{
    [Fact]
    public void Every_line_of_a_written_message_stays_within_the_smtp_limit_and_is_ascii()
    {
        var message = Mail.Message("a@example.test", string.Concat(Enumerable.Repeat("Zahlungserinnerung für Ihre Rechnung ", 8)),
            string.Concat(Enumerable.Repeat("ünïcödé ", 100)), "<p>" + new string('x', 500) + "</p>") with { To = new EmailAddress("a@example.test", "Zoë") };

        var written = MimeMessageWriter.Write(message, Mail.Now);

        Assert.All(written.Split("\r\n"), line => Assert.True(line.Length <= 78, $"line of {line.Length}: {line}"));
        Assert.All(written, c => Assert.True(c < 128));
        Assert.DoesNotContain("\n", written.Replace("\r\n", ""));
    }

    [Fact]
    public void Dot_stuffing_doubles_leading_dots_only()
    {
        Assert.Equal("..a\r\nb.c\r\n..\r\n...\r\n", SmtpEmailSender.DotStuff(".a\r\nb.c\r\n.\r\n..\r\n"));
    }

    [Fact]
    public void Trailing_spaces_and_equals_signs_are_encoded_so_relays_cannot_change_them()
    {
        Assert.Equal("a=3Db=20\r\nc", QuotedPrintable.Encode("a=b \nc"));
    }

    [Theory]
    [InlineData("a@b@c")]
    [InlineData("no-at-sign")]
    [InlineData("zoë@example.test")]
    [InlineData("a@example.test>\r\nRCPT TO:<b@example.test")]
    public void Addresses_that_could_break_the_envelope_are_refused(string address) =>
        Assert.Throws<ArgumentException>(() => HeaderEncoding.Address(address));

    [Fact]
    public void The_date_header_uses_the_rfc_5322_form()
    {
        var written = MimeMessageWriter.Write(Mail.Message("a@example.test"), new DateTimeOffset(2026, 3, 8, 9, 5, 0, TimeSpan.FromHours(13)));

        Assert.Contains("\r\nDate: Sun, 08 Mar 2026 09:05:00 +1300\r\n", written);
    }
}
