using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.App.Notifications;

/// <summary>Who a tenant's customer emails come from.</summary>
public sealed record TenantSender(string TenantId, EmailAddress From);

/// <summary>
/// Turns "send this kind of email for this step" (a dunning or reminder effect's kind and idempotency key) into an
/// outbox email: rendered template, and a Message-ID derived from tenant and key so every retry of the step is
/// the same email.
/// </summary>
public sealed class CustomerEmailComposer(string messageIdDomain)
{
    public OutboxEmail Compose(TenantSender sender, EmailAddress customer, EmailKind kind, string idempotencyKey, EmailModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var rendered = EmailTemplates.Render(kind, model);
        var messageId = OutboxEmail.MessageIdFor(sender.TenantId, idempotencyKey, messageIdDomain);
        return new(sender.TenantId, idempotencyKey, new EmailMessage(sender.From, customer, rendered.Subject, rendered.PlainText,
            rendered.Html, messageId));
    }
}
