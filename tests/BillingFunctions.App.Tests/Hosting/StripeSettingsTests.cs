using BillingFunctions.App.Hosting;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Hosting;

public class StripeSettingsTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Theory]
    [InlineData(null, null)]
    [InlineData("emulator", null)]
    [InlineData("Emulator", "")]
    [InlineData("emulator", "  ")]
    public async Task Emulator_mode_without_a_base_url_sends_nothing_and_names_the_setting(string? mode, string? baseUrl)
    {
        var configuration = Configuration(new() { [AppSettings.StripeMode] = mode, [AppSettings.StripeBaseUrl] = baseUrl });
        // Made without a request: the services holding it are built whether or not Stripe is configured.
        var client = StripeSettings.Client(configuration, maxNetworkRetries: 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Stripe.CustomerService(client).GetAsync("cus_1",
            requestOptions: new Stripe.RequestOptions { ApiKey = "sk_test_1" }));

        Assert.Contains(AppSettings.StripeBaseUrl, error.Message, StringComparison.Ordinal);
        // Startup still succeeds: health reports Stripe as not configured.
        Assert.False(StripeSettings.From(configuration).IsConfigured);
    }

    [Fact]
    public void Emulator_mode_talks_to_the_configured_base_url()
    {
        var configuration = Configuration(new() { [AppSettings.StripeMode] = "emulator", [AppSettings.StripeBaseUrl] = "http://127.0.0.1:12111/" });

        Assert.Equal("http://127.0.0.1:12111", StripeSettings.Client(configuration).ApiBase.TrimEnd('/'));
    }

    [Fact]
    public void Live_mode_without_a_base_url_talks_to_stripe()
    {
        var configuration = Configuration(new() { [AppSettings.StripeMode] = "live" });

        Assert.Equal("https://api.stripe.com", StripeSettings.Client(configuration).ApiBase);
        Assert.Equal(new Uri("https://api.stripe.com"), StripeSettings.From(configuration).BaseUrl);
    }
}
