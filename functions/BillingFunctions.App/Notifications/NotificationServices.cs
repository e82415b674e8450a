using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// Registers the email outbox, its dispatcher and the SMTP sender. Hook-up (two lines, left to the app's owner):
/// <c>services.AddNotifications(builder.Configuration);</c> in BillingApp.Build and
/// <c>SendOutboxEmailFunction.Declaration</c> in AppFunctions.All.
/// </summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new SmtpEmailSender(NotificationSettings.SmtpOptions(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EmailOutbox(Queue(sp)));
        services.AddSingleton(sp => new OutboxDispatcher(Queue(sp),
            sp.GetRequiredService<StorageAccounts>().GetTableService().GetTableClient(NotificationSettings.SentTable),
            sp.GetRequiredService<SmtpEmailSender>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        services.AddSingleton(new CustomerEmailComposer(NotificationSettings.MessageIdDomain(configuration)));
        services.AddHostedService<NotificationStorageBootstrap>();
        return services;
    }

    private static Adapters.Storage.QueueClient Queue(IServiceProvider sp) =>
        sp.GetRequiredService<StorageAccounts>().GetQueueService().GetQueueClient(NotificationSettings.OutboxQueue);
}

/// <summary>Creates the outbox queue and the sent table at start; storage being down only logs (StorageBootstrap retries the rest).</summary>
internal sealed class NotificationStorageBootstrap(StorageAccounts storage, ILogger<NotificationStorageBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.IsConfigured()) return;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await Task.WhenAll(
                storage.GetQueueService().GetQueueClient(NotificationSettings.OutboxQueue).CreateIfNotExistsAsync(timeout.Token),
                storage.GetTableService().GetTableClient(NotificationSettings.SentTable).CreateIfNotExistsAsync(timeout.Token));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Creating the outbox queue and sent table failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
