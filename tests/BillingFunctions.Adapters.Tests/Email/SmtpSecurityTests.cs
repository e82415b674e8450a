using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BillingFunctions.Adapters.Email.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>Two more maildevs: one with TLS from the first byte and AUTH, one with AUTH over plain TCP.</summary>
public sealed class SecureMailDevFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "maildev-tls-" + Guid.NewGuid().ToString("N"));

    public MailDev Tls { get; private set; } = null!;
    public MailDev PlainAuth { get; private set; } = null!;
    public X509Certificate2 Certificate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (cert, keyFile) = (Path.Combine(_folder, "cert.pem"), Path.Combine(_folder, "key.pem"));
        await File.WriteAllTextAsync(cert, Certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        Tls = await MailDev.StartAsync("--incoming-secure", "--incoming-cert", cert, "--incoming-key", keyFile,
            "--incoming-user", "billing", "--incoming-pass", "s3cret");
        PlainAuth = await MailDev.StartAsync("--incoming-user", "billing", "--incoming-pass", "s3cret");
    }

    public async Task DisposeAsync()
    {
        await Tls.DisposeAsync();
        await PlainAuth.DisposeAsync();
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

public class SmtpSecurityTests(SecureMailDevFixture servers, MailDevFixture plain) : IClassFixture<SecureMailDevFixture>,
    IClassFixture<MailDevFixture>
{
    private SmtpEmailSender Sender(MailDev server, SmtpSecurity security, string? password = "s3cret", bool allowPlainAuth = false) => new(
        new SmtpEmailSenderOptions
        {
            Host = "127.0.0.1", Port = server.SmtpPort, Security = security, Timeout = TimeSpan.FromSeconds(15),
            UserName = password is null ? null : "billing", Password = password, AllowAuthWithoutTls = allowPlainAuth,
            // Trust exactly the test's own self-signed certificate, nothing else.
            CertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == servers.Certificate.GetCertHashString(),
        },
        new FakeTimeProvider(Mail.Now));

    [Fact]
    public async Task Implicit_tls_with_auth_delivers()
    {
        var to = Mail.UniqueRecipient();

        await Sender(servers.Tls, SmtpSecurity.ImplicitTls).SendAsync(Mail.Message(to));

        Assert.Single(await Mail.WaitForAsync(servers.Tls, to));
    }

    [Fact]
    public async Task A_wrong_password_fails_without_repeating_it_or_sending()
    {
        var to = Mail.UniqueRecipient();

        var error = await Assert.ThrowsAsync<AuthenticationException>(() =>
            Sender(servers.Tls, SmtpSecurity.ImplicitTls, password: "wrong").SendAsync(Mail.Message(to)));

        Assert.DoesNotContain("wrong", error.Message);
        Assert.Empty(await Mail.SettledAsync(servers.Tls, to));
    }

    [Fact]
    public async Task Credentials_are_not_sent_over_plain_tcp_unless_allowed()
    {
        var to = Mail.UniqueRecipient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(servers.PlainAuth, SmtpSecurity.None).SendAsync(Mail.Message(to)));
        await Sender(servers.PlainAuth, SmtpSecurity.None, allowPlainAuth: true).SendAsync(Mail.Message(to));

        Assert.Single(await Mail.WaitForAsync(servers.PlainAuth, to));
    }

    [Fact]
    public async Task Requiring_starttls_from_a_server_without_it_sends_nothing()
    {
        var to = Mail.UniqueRecipient();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            Sender(plain.Server, SmtpSecurity.StartTls, password: null).SendAsync(Mail.Message(to)));

        Assert.Contains("STARTTLS", error.Message);
        Assert.Empty(await Mail.SettledAsync(plain.Server, to));
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_the_connection()
    {
        var sender = new SmtpEmailSender(
            new SmtpEmailSenderOptions { Host = "127.0.0.1", Port = servers.Tls.SmtpPort, Security = SmtpSecurity.ImplicitTls,
                UserName = "billing", Password = "s3cret" },
            new FakeTimeProvider(Mail.Now));

        await Assert.ThrowsAsync<SslHandshakeException>(() => sender.SendAsync(Mail.Message(Mail.UniqueRecipient())));
    }
}
