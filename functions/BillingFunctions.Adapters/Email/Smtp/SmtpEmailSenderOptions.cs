using System.Net.Security;

namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>How the connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain TCP: only for a local catcher such as maildev.</summary>
    None,

    /// <summary>Plain TCP upgraded with STARTTLS (port 587); fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    ImplicitTls,
}

/// <summary>Settings for <see cref="SmtpEmailSender"/>.</summary>
public sealed class SmtpEmailSenderOptions
{
    /// <summary>The server's host name, also the name its certificate must carry.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The server's port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>How the connection is secured.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User for AUTH; null sends no AUTH.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Lets AUTH go over an unencrypted connection; only for local test servers.</summary>
    public bool AllowAuthWithoutTls { get; set; }

    /// <summary>The name sent with EHLO.</summary>
    public string ClientName { get; set; } = "billing-functions.local";

    /// <summary>The longest a whole send (connect to QUIT) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Overrides certificate validation, e.g. to trust a test server's self-signed certificate.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }
}
