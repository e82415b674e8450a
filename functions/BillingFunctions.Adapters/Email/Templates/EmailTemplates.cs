using System.Globalization;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Adapters.Email.Templates;

/// <summary>The text of each kind of customer email, written once and rendered as plain text and as HTML.</summary>
public static class EmailTemplates
{
    public static RenderedEmail Render(EmailKind kind, EmailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var content = Content(kind, model);
        return new(content.Subject, EmailLayout.PlainText(content), EmailLayout.Html(content));
    }

    private static TemplateContent Content(EmailKind kind, EmailModel m)
    {
        var amount = Format(m.Amount);
        var invoice = $"invoice {m.InvoiceNumber}";
        var pay = Link("Pay the invoice", m.PayUrl);
        var card = Link("Update your card", m.UpdateCardUrl);
        var next = m.NextAttemptAt is { } at ? TimeZoneInfo.ConvertTime(at, m.TimeZone)
            .ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) : null;
        var due = m.DueDate?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return kind switch
        {
            EmailKind.InvoiceSent => new($"{m.TenantName}: {invoice} for {amount}",
                [$"{m.TenantName} has sent you {invoice} for {amount}.", due is null ? "It is due on receipt." : $"It is due on {due}."], pay, null),
            EmailKind.PaymentFailed => new($"Payment for {invoice} failed",
                [$"We could not charge your card {amount} for {invoice}.", next is null ? "Please pay the invoice or update your card."
                    : $"We will try again on {next}. You can pay now or update your card before then."],
                pay, card),
            EmailKind.RetryScheduled => new($"We will retry the payment for {invoice}",
                [$"Another attempt to charge {amount} for {invoice} did not go through.",
                    next is null ? "Please pay the invoice or update your card." : $"The next attempt is on {next}."],
                pay, card),
            EmailKind.CardUpdateNeeded => new($"Please update your card for {invoice}",
                [$"Your bank declined {amount} for {invoice}, and further attempts with this card will not succeed.",
                    "Please add a new card; we will charge it straight away."],
                card, pay),
            EmailKind.PaymentReceived => new($"Payment received for {invoice}",
                [$"Thank you: we received {amount} for {invoice}."], Link("View the invoice", m.PayUrl), null),
            EmailKind.FinalNotice => new($"Final notice: {invoice} is unpaid",
                [$"All attempts to collect {amount} for {invoice} have failed.",
                    $"Please pay now or contact {m.TenantName}; your service may be interrupted."],
                pay, card),
            EmailKind.OverdueReminder => new(ReminderSubject(m, invoice),
                [ReminderLine(m, invoice, amount, due)], pay, null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this kind."),
        };
    }

    private static string ReminderSubject(EmailModel m, string invoice) => m.DaysFromDue switch
    {
        < 0 => $"Reminder: {invoice} is due soon",
        0 => $"Reminder: {invoice} is due today",
        _ => $"Overdue: {invoice}",
    };

    private static string ReminderLine(EmailModel m, string invoice, string amount, string? due) => m.DaysFromDue switch
    {
        < 0 => $"Hello {m.CustomerName}, {invoice} for {amount} is due on {due}.",
        0 => $"Hello {m.CustomerName}, {invoice} for {amount} is due today.",
        var days => $"Hello {m.CustomerName}, {invoice} for {amount} was due on {due} and is {days} days overdue.",
    };

    private static TemplateLink? Link(string label, Uri? url) => url is null ? null : new(label, url);

    /// <summary>"1,234.56 USD": exact decimal from minor units, never floating point.</summary>
    internal static string Format(Money money) =>
        money.Major.ToString("N" + money.Currency.MinorDigits, CultureInfo.InvariantCulture) + " " + money.Currency.Code.ToUpperInvariant();
}
