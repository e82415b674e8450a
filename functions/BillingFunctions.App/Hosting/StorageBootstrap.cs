namespace BillingFunctions.App.Hosting;

/// <summary>
/// Creates the billing tables and every table and queue a feature registered as a <see cref="StorageNeed"/>. Startup
/// waits for the first attempt; if storage is not up yet the app starts anyway (health says so) and keeps trying in the
/// background.
/// </summary>
internal sealed class StorageBootstrap(StorageAccounts storage, IEnumerable<StorageNeed> needs, TimeProvider time, ILogger<StorageBootstrap> logger)
    : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(3);
    // Not disposed: it has no timer, and the host may call StopAsync after disposing services.
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.IsConfigured())
        {
            logger.LogWarning("{Setting} is not set; storage is unavailable", AppSettings.StorageConnectionSetting);
            return;
        }

        // Bounded, so that storage being down delays the start by seconds at most.
        using var firstAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstAttempt.CancelAfter(FirstAttemptTimeout);
        if (!await TryCreateAsync(firstAttempt.Token)) _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        do await Task.Delay(RetryInterval, time, cancellationToken);
        while (!await TryCreateAsync(cancellationToken));
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Every queue a function is triggered by, and every table.
            await Task.WhenAll([
                .. needs.Select(n => n.Queue).OfType<string>().Distinct()
                    .Select(queue => storage.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken)),
                .. storage.Tables.Concat(needs.Select(n => n.Table).OfType<string>()).Distinct()
                    .Select(name => storage.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken)),
            ]);
            return true;
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Creating tables and queues failed; retrying in {Interval}", RetryInterval);
            return false;
        }
    }
}
