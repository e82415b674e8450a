using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Adapters.Email.Templates;

/// <summary>
/// What a customer email says. <paramref name="PayUrl"/> is Stripe's hosted invoice page,
/// <paramref name="UpdateCardUrl"/> a billing portal session; times are shown in <paramref name="TimeZone"/>.
/// </summary>
public sealed record EmailModel(
    string CustomerName,
    string TenantName,
    string InvoiceNumber,
    Money Amount,
    Uri? PayUrl,
    Uri? UpdateCardUrl,
    TimeZoneInfo TimeZone,
    DateOnly? DueDate = null,
    DateTimeOffset? NextAttemptAt = null,
    int? DaysFromDue = null);

/// <summary>A rendered email: subject and both bodies.</summary>
public sealed record RenderedEmail(string Subject, string PlainText, string Html);
