using BillingFunctions.Adapters.Email;

namespace BillingFunctions.Adapters.Tests.Email;

[Collection(MailDevCollection.Name)]
public class SmtpEmailSenderTests(MailDevFixture fixture)
{
    private readonly MailDev _server = fixture.Server;

    [Fact]
    public async Task A_sent_email_arrives_with_subject_recipient_both_bodies_and_message_id()
    {
        var to = Mail.UniqueRecipient();
        var message = Mail.Message(to, "Invoice INV-7", "Plain body line", "<p>HTML <b>body</b></p>");

        await Mail.Sender(_server).SendAsync(message);

        var received = Assert.Single(await Mail.WaitForAsync(_server, to));
        Assert.Equal("Invoice INV-7", received.Subject);
        Assert.Contains("Plain body line", received.Text);
        Assert.Contains("<b>body</b>", received.Html);
        Assert.Equal(message.MessageId, received.MessageId?.Trim('<', '>'));
        Assert.Equal("Tenant Billing", Assert.Single(received.From).Name);
        Assert.Equal(Mail.Now, received.Date);
    }

    [Fact]
    public async Task Non_ascii_subject_and_names_arrive_unchanged()
    {
        var to = Mail.UniqueRecipient();
        var subject = "Rechnung für März – 請求書 №42 — a long subject that needs more than one encoded word to fit 🎉";
        var message = Mail.Message(to, subject, "Grüße aus Zürich, 東京", "<p>Grüße</p>") with { To = new EmailAddress(to, "Zoë Ødegård") };

        await Mail.Sender(_server).SendAsync(message);

        var received = Assert.Single(await Mail.WaitForAsync(_server, to));
        Assert.Equal(subject, received.Subject);
        Assert.Equal("Zoë Ødegård", Assert.Single(received.To).Name);
        Assert.Contains("Grüße aus Zürich, 東京", received.Text);
    }

    [Fact]
    public async Task Lines_starting_with_a_dot_survive_dot_stuffing()
    {
        var to = Mail.UniqueRecipient();
        var text = "first\n.\n.hidden line\n..two dots\nlast";

        await Mail.Sender(_server).SendAsync(Mail.Message(to, text: text));

        var received = Assert.Single(await Mail.WaitForAsync(_server, to));
        Assert.Equal(text, received.Text!.ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public async Task Long_lines_of_accented_text_come_back_whole()
    {
        var to = Mail.UniqueRecipient();
        var line = string.Concat(Enumerable.Repeat("Überweisung fällig = bitte zahlen; ", 12));

        await Mail.Sender(_server).SendAsync(Mail.Message(to, text: line));

        var received = Assert.Single(await Mail.WaitForAsync(_server, to));
        Assert.Equal(line.TrimEnd(), received.Text!.TrimEnd());
    }

    [Fact]
    public async Task A_line_break_in_the_subject_cannot_start_another_header()
    {
        var to = Mail.UniqueRecipient();

        await Mail.Sender(_server).SendAsync(Mail.Message(to, "Hi\r\nBcc: victim@example.test"));

        var received = Assert.Single(await Mail.WaitForAsync(_server, to));
        Assert.Contains("Bcc: victim@example.test", received.Subject);
        Assert.Empty(received.Bcc ?? []);
    }

    [Theory]
    [InlineData("a@b@c")]
    [InlineData("a@example.test>\r\nRCPT TO:<b@example.test")]
    public async Task An_address_that_could_break_the_envelope_is_refused_before_connecting(string address)
    {
        await Assert.ThrowsAnyAsync<FormatException>(() => Mail.Sender(_server).SendAsync(Mail.Message(address)));

        Assert.Empty(await Mail.SettledAsync(_server, "b@example.test"));
    }
}
