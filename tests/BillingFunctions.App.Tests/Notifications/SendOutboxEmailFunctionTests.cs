using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Notifications;

public class SendOutboxEmailFunctionTests
{
    /// <summary>Its own outbox queue: other test classes' apps put emails on the shared one at any time.</summary>
    private static readonly QueueClient Outbox = new(Azurite.ConnectionString, "outbox-" + Guid.NewGuid().ToString("N"),
        StorageExtensions.QueueOptions());

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            // Nothing listens here: a test that reached SMTP would fail.
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = "9",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<StorageAccounts>()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddNotifications(configuration)
            .AddSingleton(new EmailOutbox(Outbox))
            .BuildServiceProvider();
    }

    private static async Task<(ServiceProvider Services, OutboxEmail Email, TableClient Sent)> ArrangeAsync(string status, DateTimeOffset claimedAt)
    {
        var services = Services();
        var storage = services.GetRequiredService<StorageAccounts>();
        var sent = storage.GetTableService().GetTableClient(NotificationSettings.SentTable);
        await sent.CreateIfNotExistsAsync();
        var email = new CustomerEmailComposer("billing.test").Compose(new TenantSender("t" + Guid.NewGuid().ToString("N"),
            new EmailAddress("b@acme.test")),
            new EmailAddress("ada@example.test"), EmailKind.PaymentReceived, "invoice:in_1:paid", CustomerEmailComposerTests.Model());
        await sent.AddEntityAsync(new TableEntity(email.TenantId, OutboxDispatcher.SentRowKey(email.IdempotencyKey))
        {
            ["Status"] = status, ["ClaimedAt"] = claimedAt, ["Attempts"] = 1,
        });
        return (services, email, sent);
    }

    private static Task InvokeAsync(ServiceProvider services, OutboxEmail email) =>
        SendOutboxEmailFunction.SendAsync(email.ToJson(), services, NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task An_email_already_sent_completes_the_message_without_sending()
    {
        var (services, email, _) = await ArrangeAsync("Sent", DateTimeOffset.UtcNow.AddHours(-1));
        await using var _ = services;

        await InvokeAsync(services, email);
    }

    [Fact]
    public async Task An_email_another_attempt_is_sending_goes_back_on_the_outbox_for_after_the_lease()
    {
        var (services, email, sent) = await ArrangeAsync("Sending", DateTimeOffset.UtcNow);
        await using var _ = services;
        var outbox = Outbox;
        await outbox.CreateIfNotExistsAsync();
        var before = (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        await InvokeAsync(services, email);

        Assert.Equal(before + 1, (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await outbox.PeekMessagesAsync(32)).Value);
        var row = (await sent.GetEntityAsync<TableEntity>(email.TenantId, OutboxDispatcher.SentRowKey(email.IdempotencyKey))).Value;
        Assert.Equal("Sending", row.GetString("Status"));
    }

    [Fact]
    public void Smtp_credentials_without_encryption_are_refused_at_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Security"] = "None", ["Notifications:Smtp:UserName"] = "billing",
        }).Build();

        Assert.Throws<InvalidOperationException>(() => NotificationSettings.SmtpOptions(configuration));
    }
}
