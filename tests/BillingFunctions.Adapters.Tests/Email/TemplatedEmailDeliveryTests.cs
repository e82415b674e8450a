using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Adapters.Tests.Email;

[Collection(MailDevCollection.Name)]
public class TemplatedEmailDeliveryTests(MailDevFixture fixture)
{
    [Fact]
    public async Task A_card_update_email_arrives_with_its_portal_link_clickable()
    {
        var to = Mail.UniqueRecipient();
        var rendered = EmailTemplates.Render(EmailKind.CardUpdateNeeded, EmailTemplatesTests.Model(customer: "Zoë & <Co>"));
        var message = Mail.Message(to, rendered.Subject, rendered.PlainText, rendered.Html);

        await Mail.Sender(fixture.Server).SendAsync(message);

        var received = Assert.Single(await Mail.WaitForAsync(fixture.Server, to));
        Assert.Equal("Please update your card for invoice INV-0042", received.Subject);
        Assert.Contains($"href=\"{EmailTemplatesTests.PortalUrl.AbsoluteUri}\"", received.Html);
        Assert.Contains(EmailTemplatesTests.PayUrl.AbsoluteUri, received.Text);
    }
}
