using Azure.Storage.Queues;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Notifications;

/// <summary>
/// Registers the email outbox, its dispatcher and the SMTP sender; <see cref="SendOutboxEmailFunction"/> sends what
/// the outbox queues.
/// </summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(StorageNeed.ForQueue(NotificationSettings.OutboxQueue))
            .AddSingleton(StorageNeed.ForTable(NotificationSettings.SentTable));
        services.AddSingleton(sp => new SmtpEmailSender(NotificationSettings.SmtpOptions(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EmailOutbox(Queue(sp)));
        services.AddSingleton(sp => new OutboxDispatcher(Queue(sp),
            sp.GetRequiredService<StorageAccounts>().GetTableService().GetTableClient(NotificationSettings.SentTable),
            sp.GetRequiredService<SmtpEmailSender>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        services.AddSingleton(new CustomerEmailComposer(NotificationSettings.MessageIdDomain(configuration)));
        return services;
    }

    private static QueueClient Queue(IServiceProvider sp) =>
        sp.GetRequiredService<StorageAccounts>().GetQueueService().GetQueueClient(NotificationSettings.OutboxQueue);
}
