using BillingFunctions.App.Tests.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>
/// The app in-process (<see cref="ApiHost"/>, with its own outbox) and month-end invoicing on its own process table
/// and wake-up queue in Azurite, so the test drives exactly its own instances; crashes can be armed after an effect or after a
/// Stripe POST.
/// </summary>
public sealed class MonthEndHost : ApiHost
{
    private readonly string _processTable = "p" + Guid.NewGuid().ToString("N");
    private readonly string _wakeupQueue = "me-" + Guid.NewGuid().ToString("N");
    private WakeupPump<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>? _pump;

    public ArmableCrashHandler StripeCrash { get; } = new();
    public CrashingMonthEndProcess Process => Services.GetRequiredService<CrashingMonthEndProcess>();
    public ProcessRuntime<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect> Runtime =>
        Services.GetRequiredService<ProcessRuntime<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>>();
    public StripeAccount StripeReader => TestStripe.Account(Stripe.BaseUrl, "sk_test_reader");

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(sp => new CrashingMonthEndProcess(sp.GetRequiredService<MonthEndInvoicingProcess>()));
        services.AddSingleton(sp => new ProcessRuntime<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>(
            new ProcessStore(new TableClient(AzuriteConnectionString, _processTable)),
            new QueueClient(AzuriteConnectionString, _wakeupQueue, StorageExtensions.QueueOptions()),
            sp.GetRequiredService<CrashingMonthEndProcess>(), sp.GetRequiredService<TimeProvider>(), NullLogger.Instance));
        services.AddSingleton<TenantStripe>(sp => new CrashableTenantStripe(sp.GetRequiredService<IConfiguration>(), StripeCrash));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new TableClient(AzuriteConnectionString, _processTable).CreateIfNotExistsAsync();
        var wakeups = new QueueClient(AzuriteConnectionString, _wakeupQueue, StorageExtensions.QueueOptions());
        await wakeups.CreateIfNotExistsAsync();
        _pump = new(wakeups, Runtime, NullLogger.Instance, TimeSpan.FromSeconds(1));
    }

    /// <summary>What the step function and the sweep timer do over time: until no instance has anything left to do.</summary>
    public async Task RunInvoicingUntilQuietAsync()
    {
        for (var round = 0; round < 100; round++)
        {
            var received = await _pump!.DrainAsync();
            var swept = await Runtime.SweepAsync(TimeSpan.Zero);
            if (received == 0 && swept == 0) return;
        }
        throw new InvalidOperationException("Month-end invoicing stayed busy after 100 rounds.");
    }

    public Task<int> RunOpenerAsync() => Services.GetRequiredService<MonthEndOpener>().RunAsync(CancellationToken.None);

    public async Task<IReadOnlyList<OutboxEmail>> OutboxAsync() =>
        [.. ((await Outbox.PeekMessagesAsync(32)).Value).Select(m => OutboxEmail.FromJson(m.MessageText))];

    /// <summary>Every charge the emulator made for the Stripe customer, succeeded or failed.</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesAsync(string stripeCustomer)
    {
        using var http = new HttpClient { BaseAddress = Stripe.BaseUrl };
        var json = await http.GetFromJsonAsync<JsonElement>($"/_emulator/charges?customer={Uri.EscapeDataString(stripeCustomer)}");
        return [.. json.GetProperty("data").EnumerateArray()];
    }
}

/// <summary>The tenant's Stripe client over a handler a test can arm to crash after a POST.</summary>
internal sealed class CrashableTenantStripe(IConfiguration configuration, ArmableCrashHandler handler)
    : TenantStripe(configuration, StripeConnection.Create(
        new StripeConnectionOptions { ApiBase = new Uri(configuration[BaseUrlSetting]!), RequestsPerSecondPerAccount = null }, handler));

/// <summary>Lets the n-th POST after arming reach Stripe, then throws instead of answering: a crash after that side effect.</summary>
public sealed class ArmableCrashHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _crashAt;
    private int _posts;
    private int _crashes;

    public int Crashes => Volatile.Read(ref _crashes);

    public void Arm(int crashAfterPost)
    {
        Volatile.Write(ref _posts, 0);
        Volatile.Write(ref _crashAt, crashAfterPost);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && Volatile.Read(ref _crashAt) > 0 && Interlocked.Increment(ref _posts) == _crashAt)
        {
            Volatile.Write(ref _crashAt, 0);
            Interlocked.Increment(ref _crashes);
            response.Dispose();
            throw new SimulatedCrash($"POST {request.RequestUri!.AbsolutePath}");
        }
        return response;
    }
}

/// <summary>The real process, dying right after its n-th effect (after arming) took place and before the step was saved.</summary>
public sealed class CrashingMonthEndProcess(MonthEndInvoicingProcess inner)
    : ProcessDefinition<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>
{
    private int _crashAt;
    private int _performed;
    private int _crashes;

    public int Crashes => Volatile.Read(ref _crashes);

    public void Arm(int crashAfterEffect)
    {
        Volatile.Write(ref _performed, 0);
        Volatile.Write(ref _crashAt, crashAfterEffect);
    }

    public override string Name => inner.Name;
    public override MonthEndInvoicingEvent Woken => inner.Woken;
    public override JsonSerializerOptions Json => inner.Json;

    public override Domain.Processes.Decision<MonthEndInvoicingState, MonthEndInvoicingEffect> Decide(MonthEndInvoicingState state,
        MonthEndInvoicingEvent @event, DateTimeOffset now) => inner.Decide(state, @event, now);

    public override string Describe(MonthEndInvoicingEffect effect) => inner.Describe(effect);

    public override async Task<MonthEndInvoicingEvent> PerformAsync(
        ProcessRuntime<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect> runtime,
        string tenant, MonthEndInvoicingEffect effect, CancellationToken cancellationToken)
    {
        var outcome = await inner.PerformAsync(runtime, tenant, effect, cancellationToken);
        if (Volatile.Read(ref _crashAt) > 0 && Interlocked.Increment(ref _performed) == _crashAt)
        {
            Volatile.Write(ref _crashAt, 0);
            Interlocked.Increment(ref _crashes);
            throw new SimulatedCrash($"{effect.GetType().Name} {effect.IdempotencyKey}");
        }
        return outcome;
    }
}
