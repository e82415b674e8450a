using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Adapters.Tests.Email;

public class EmailTemplatesTests
{
    internal static readonly Uri PayUrl = new("https://invoice.stripe.test/i/acct_1/in_1?s=ap&x=1");
    internal static readonly Uri PortalUrl = new("https://billing.stripe.test/p/session/bps_1");

    internal static EmailModel Model(string customer = "Ada Lovelace", Money? amount = null) => new(
        customer, "Acme Ltd", "INV-0042", amount ?? new Money(123456, Currency.Usd), PayUrl, PortalUrl,
        TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"),
        DueDate: new DateOnly(2026, 3, 31), NextAttemptAt: new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero), DaysFromDue: 7);

    [Theory]
    [InlineData(EmailKind.InvoiceSent)]
    [InlineData(EmailKind.PaymentFailed)]
    [InlineData(EmailKind.RetryScheduled)]
    [InlineData(EmailKind.PaymentReceived)]
    [InlineData(EmailKind.FinalNotice)]
    [InlineData(EmailKind.OverdueReminder)]
    public void Invoice_emails_link_to_the_hosted_invoice_page_in_both_bodies(EmailKind kind)
    {
        var email = EmailTemplates.Render(kind, Model());

        Assert.Contains(PayUrl.AbsoluteUri, email.PlainText);
        Assert.Contains("href=\"https://invoice.stripe.test/i/acct_1/in_1?s=ap&amp;x=1\"", email.Html);
        Assert.Contains("INV-0042", email.Subject);
        Assert.Contains("1,234.56 USD", email.PlainText);
    }

    [Theory]
    [InlineData(EmailKind.CardUpdateNeeded)]
    [InlineData(EmailKind.PaymentFailed)]
    [InlineData(EmailKind.FinalNotice)]
    public void Failure_emails_link_to_the_billing_portal_to_update_the_card(EmailKind kind)
    {
        var email = EmailTemplates.Render(kind, Model());

        Assert.Contains("Update your card: " + PortalUrl.AbsoluteUri, email.PlainText);
        Assert.Contains($"href=\"{PortalUrl.AbsoluteUri}\"", email.Html);
    }

    [Fact]
    public void The_next_attempt_is_shown_as_the_customer_local_date()
    {
        // 20:00 UTC on 31 March is already 1 April in Auckland.
        var email = EmailTemplates.Render(EmailKind.PaymentFailed, Model());

        Assert.Contains("Wednesday 1 April 2026", email.PlainText);
    }

    [Fact]
    public void Values_are_html_escaped_in_the_html_body_and_kept_in_the_text_body()
    {
        var email = EmailTemplates.Render(EmailKind.OverdueReminder, Model(customer: "<script>alert('x')</script> & Co"));

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", email.Html);
        Assert.Contains("<script>alert('x')</script> & Co", email.PlainText);
    }

    [Theory]
    [InlineData(-3, "is due soon", "is due on 31 March 2026")]
    [InlineData(0, "is due today", "is due today")]
    [InlineData(14, "Overdue", "14 days overdue")]
    public void Reminders_speak_of_before_on_and_after_the_due_date(int days, string subject, string line)
    {
        var email = EmailTemplates.Render(EmailKind.OverdueReminder, Model() with { DaysFromDue = days });

        Assert.Contains(subject, email.Subject);
        Assert.Contains(line, email.PlainText);
    }

    [Theory]
    [InlineData("jpy", 5000, "5,000 JPY")]
    [InlineData("kwd", 1234, "1.234 KWD")]
    [InlineData("eur", 5, "0.05 EUR")]
    public void Amounts_use_the_currency_minor_digits(string currency, long minor, string expected) =>
        Assert.Contains(expected, EmailTemplates.Render(EmailKind.InvoiceSent, Model(amount: new Money(minor, Currency.Parse(currency)))).PlainText);

    [Fact]
    public void A_non_http_link_is_refused() =>
        Assert.Throws<ArgumentException>(() => EmailTemplates.Render(EmailKind.InvoiceSent,
            Model() with { PayUrl = new Uri("javascript:alert(1)") }));
}
