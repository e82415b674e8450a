using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// <c>Notifications:Smtp:*</c> (Host, Port, Security None|StartTls|ImplicitTls, UserName, Password) and
/// <c>Notifications:MessageIdDomain</c>. Locally: maildev on 127.0.0.1 with Security=None.
/// </summary>
public static class NotificationSettings
{
    public const string OutboxQueue = "outbox";
    public const string SentTable = "outboxsent";

    public static SmtpEmailSenderOptions SmtpOptions(IConfiguration configuration)
    {
        var options = new SmtpEmailSenderOptions
        {
            // Blank is unset, as for the other settings here (the deployment writes '' for a setting it leaves out); a blank
            // host name used as is would fail only at the first email, far from the setting.
            Host = configuration[AppSettings.SmtpHost]?.Trim() is { Length: > 0 } host ? host : "127.0.0.1",
            Port = configuration.GetValue(AppSettings.SmtpPort, 1025),
            Security = configuration.GetValue(AppSettings.SmtpSecurity, SmtpSecurity.None),
            UserName = configuration[AppSettings.SmtpUserName] is { Length: > 0 } user ? user : null,
            Password = configuration.Secret(AppSettings.SmtpPassword),
        };
        if (options.Security == SmtpSecurity.None && options.UserName is not null)
            throw new InvalidOperationException("Notifications:Smtp:UserName is set but Security is None: credentials would travel unencrypted.");
        return options;
    }

    /// <summary><c>Notifications:From</c>: the sender of every customer and rep email.</summary>
    public static EmailAddress From(IConfiguration configuration) =>
        new(configuration[AppSettings.EmailFrom] is { Length: > 0 } address ? address : "billing@billing-functions.local");

    public static string MessageIdDomain(IConfiguration configuration) =>
        configuration[AppSettings.EmailMessageIdDomain] is { Length: > 0 } domain ? domain : "billing-functions.local";
}
