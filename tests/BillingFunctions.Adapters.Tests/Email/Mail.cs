using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Smtp;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.Email;

internal static class Mail
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    public static string UniqueRecipient() => $"customer-{Guid.NewGuid():N}@example.test";

    public static SmtpEmailSender Sender(MailDev server) =>
        new(new SmtpEmailSenderOptions { Host = "127.0.0.1", Port = server.SmtpPort, Security = SmtpSecurity.None,
            Timeout = TimeSpan.FromSeconds(15) },
            new FakeTimeProvider(Now));

    public static EmailMessage Message(string to, string subject = "Your invoice", string text = "Hello", string html = "<p>Hello</p>") =>
        new(new EmailAddress("billing@tenant.example", "Tenant Billing"), new EmailAddress(to), subject, text, html,
            $"{Guid.NewGuid():N}@billing.test");

    /// <summary>maildev stores a message a moment after answering 250; wait for it rather than racing.</summary>
    public static async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(MailDev server, string recipient, int atLeast = 1)
    {
        for (var i = 0; i < 50; i++)
        {
            var emails = await server.EmailsToAsync(recipient);
            if (emails.Count >= atLeast) return emails;
            await Task.Delay(100);
        }
        return await server.EmailsToAsync(recipient);
    }

    /// <summary>Gives maildev time to show a message that should not exist, then returns what is there.</summary>
    public static async Task<IReadOnlyList<ReceivedEmail>> SettledAsync(MailDev server, string recipient)
    {
        await Task.Delay(500);
        return await server.EmailsToAsync(recipient);
    }
}
