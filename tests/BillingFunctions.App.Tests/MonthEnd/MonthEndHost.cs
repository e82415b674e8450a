using BillingFunctions.App.Tests.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.Adapters.Email;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Notifications;
using Microsoft.DurableTask.Client;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Processes;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>
/// The app in-process (<see cref="ApiHost"/>, with its own outbox and task hub), its month-end invoicing orchestrations
/// run by the local host; crashes can be armed after an effect or after a Stripe POST.
/// </summary>
public sealed class MonthEndHost : ApiHost
{
    public ArmableCrashHandler StripeCrash { get; } = new();
    public CrashingMonthEndEffects Process => (CrashingMonthEndEffects)Services.GetRequiredService<MonthEndInvoicingEffects>();
    public StripeAccount StripeReader => TestStripe.Account(Stripe.BaseUrl, "sk_test_reader");

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<MonthEndInvoicingEffects>(sp => new CrashingMonthEndEffects(new(sp.GetRequiredService<MonthEndInvoiceActions>),
            new(sp.GetRequiredService<EmailOutbox>), sp.GetRequiredService<CustomerEmailComposer>(),
            NotificationSettings.From(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<TenantStripe>(sp => new CrashableTenantStripe(sp.GetRequiredService<IConfiguration>(), StripeCrash));
    }

    /// <summary>Until every invoicing instance of every tenant here has finished or waits: what the task hub does over time.</summary>
    public async Task RunInvoicingUntilQuietAsync()
    {
        await foreach (var tenant in Services.GetRequiredService<TenantDirectory>().ListAsync(CancellationToken.None))
            await DurableProcesses.SettleAsync(Services, tenant.Id.Value);
    }

    public Task<int> RunOpenerAsync() =>
        Services.GetRequiredService<MonthEndOpener>().RunAsync(Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);

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

/// <summary>The real effects, dying right after the n-th (after arming) took place, before the orchestration heard of it.</summary>
public sealed class CrashingMonthEndEffects(Lazy<MonthEndInvoiceActions> actions, Lazy<EmailOutbox> outbox, CustomerEmailComposer composer,
    EmailAddress from) : MonthEndInvoicingEffects(actions, outbox, composer, from)
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

    public override async Task<MonthEndInvoicingEvent> PerformAsync(string tenant, MonthEndInvoicingEffect effect,
        CancellationToken cancellationToken)
    {
        var outcome = await base.PerformAsync(tenant, effect, cancellationToken);
        if (Volatile.Read(ref _crashAt) > 0 && Interlocked.Increment(ref _performed) == _crashAt)
        {
            Volatile.Write(ref _crashAt, 0);
            Interlocked.Increment(ref _crashes);
            throw new SimulatedCrash($"{effect.GetType().Name} {effect.IdempotencyKey}");
        }
        return outcome;
    }
}
