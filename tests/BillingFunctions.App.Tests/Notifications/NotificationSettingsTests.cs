using BillingFunctions.App.Hosting;
using BillingFunctions.App.Notifications;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Notifications;

/// <summary>The SMTP settings alone; sending is <see cref="SendOutboxEmailFunctionTests"/>'s.</summary>
public class NotificationSettingsTests
{
    private static IConfiguration Configuration(string? host) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppSettings.SmtpHost] = host }).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_smtp_host_is_unset(string? host) =>
        Assert.Equal("127.0.0.1", NotificationSettings.SmtpOptions(Configuration(host)).Host);

    [Fact]
    public void A_configured_smtp_host_is_used_without_surrounding_spaces() =>
        Assert.Equal("smtp.example.com", NotificationSettings.SmtpOptions(Configuration(" smtp.example.com ")).Host);
}
