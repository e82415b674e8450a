using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.App.Notifications;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.App.Tests.Notifications;

public class CustomerEmailComposerTests
{
    private static readonly CustomerEmailComposer Composer = new("mail.billing.test");
    private static readonly EmailAddress Customer = new("ada@example.test", "Ada");

    internal static EmailModel Model() => new("Ada", "Acme", "INV-1", new Money(4200, Currency.Eur),
        new Uri("https://invoice.stripe.test/i/in_1"), new Uri("https://billing.stripe.test/p/session/1"), TimeZoneInfo.Utc);

    private static TenantSender Tenant(string id) => new(id, new EmailAddress($"billing@{id}.test", id));

    [Fact]
    public void The_same_step_composes_the_same_message_id_and_another_step_a_different_one()
    {
        var first = Composer.Compose(Tenant("acme"), Customer, EmailKind.PaymentFailed, "dunning:in_1:1:email-payment-failed", Model());
        var retry = Composer.Compose(Tenant("acme"), Customer, EmailKind.PaymentFailed, "dunning:in_1:1:email-payment-failed", Model());
        var later = Composer.Compose(Tenant("acme"), Customer, EmailKind.RetryScheduled, "dunning:in_1:3:email-retry-scheduled", Model());

        Assert.Equal(first.Message.MessageId, retry.Message.MessageId);
        Assert.NotEqual(first.Message.MessageId, later.Message.MessageId);
        Assert.EndsWith("@mail.billing.test", first.Message.MessageId);
    }

    [Fact]
    public void Two_tenants_with_the_same_key_get_different_emails()
    {
        var acme = Composer.Compose(Tenant("acme"), Customer, EmailKind.InvoiceSent, "invoice:in_1:sent", Model());
        var globex = Composer.Compose(Tenant("globex"), Customer, EmailKind.InvoiceSent, "invoice:in_1:sent", Model());

        Assert.NotEqual(acme.Message.MessageId, globex.Message.MessageId);
        Assert.Equal("globex", globex.TenantId);
    }

    [Fact]
    public void The_composed_email_carries_the_rendered_template_from_the_tenant()
    {
        var email = Composer.Compose(Tenant("acme"), Customer, EmailKind.CardUpdateNeeded, "dunning:in_1:1:email-card-update-needed", Model());

        Assert.Equal("Please update your card for invoice INV-1", email.Message.Subject);
        Assert.Contains("https://billing.stripe.test/p/session/1", email.Message.PlainText);
        Assert.Equal("billing@acme.test", email.Message.From.Address);
        Assert.Equal(Customer, email.Message.To);
    }
}
