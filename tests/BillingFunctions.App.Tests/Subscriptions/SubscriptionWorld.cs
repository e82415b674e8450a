using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Http;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Logging.Abstractions;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>
/// A tenant with a catalog (Basic 1000 and Pro 3000 per month, in euros), a customer of rep A1 with a card, and the
/// app's own renewal process on a fresh processes table and queue, driven as the timer and the queue trigger would.
/// </summary>
internal sealed class SubscriptionWorld : IDisposable
{
    private readonly ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> _runtime;
    private readonly WakeupPump<RenewalState, RenewalEvent, RenewalEffect> _pump;

    private SubscriptionWorld(TenantWorld world, ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> runtime, QueueClient queue,
        PlanResponse basic, PlanResponse pro, CustomerResponse customer)
    {
        World = world;
        _runtime = runtime;
        _pump = new(queue, runtime, NullLogger.Instance);
        Due = new DueRenewals(world.Host.Services.GetRequiredService<BillingTables>(), world.Host.Services.GetRequiredService<TenantDirectory>(),
            runtime, world.Host.Clock);
        Basic = basic;
        Pro = pro;
        Customer = customer;
    }

    public TenantWorld World { get; }
    public DueRenewals Due { get; }
    public PlanResponse Basic { get; }
    public PlanResponse Pro { get; }
    public CustomerResponse Customer { get; }
    public StripeAccount Stripe => TestStripe.Account(World.Host.Stripe.BaseUrl, "sk_test_reader");

    public static async Task<SubscriptionWorld> CreateAsync(ApiHost host)
    {
        var world = await TenantWorld.CreateAsync(host);
        var product = await TenantWorld.ReadAsync<ProductResponse>(await world.Finance.PostAsJsonAsync("/api/v1/catalog/products",
            new CreateProductRequest("Billing Suite"), ApiHost.JsonOptions));
        var basic = await PlanAsync(world, product.Id, "Basic", 1000);
        var pro = await PlanAsync(world, product.Id, "Pro", 3000);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        customer = await TenantWorld.ReadAsync<CustomerResponse>(
            await world.RepA1.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions));

        var queue = new QueueClient(Azurite.ConnectionString, "q-" + Guid.NewGuid().ToString("N"), StorageExtensions.QueueOptions());
        await queue.CreateIfNotExistsAsync();
        var table = new TableClient(Azurite.ConnectionString, "p" + Guid.NewGuid().ToString("N"));
        await table.CreateIfNotExistsAsync();
        var runtime = new ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>(new ProcessStore(table), queue,
            host.Services.GetRequiredService<RenewalProcess>(), host.Clock, NullLogger.Instance);
        return new SubscriptionWorld(world, runtime, queue, basic, pro, customer);
    }

    private static async Task<PlanResponse> PlanAsync(TenantWorld world, string productId, string name, long amount) =>
        await TenantWorld.ReadAsync<PlanResponse>(await world.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(productId, name, amount, null, "month", null), ApiHost.JsonOptions));

    /// <summary>What the timer and the queue trigger do over time: start the due renewals, run them until nothing is overdue.</summary>
    public async Task RenewAsync()
    {
        for (var round = 0; round < 30; round++)
        {
            await Due.StartDueAsync(World.Tenant.TenantId, CancellationToken.None);
            await _pump.DrainAsync();
            if (await _runtime.SweepAsync(TimeSpan.Zero) == 0 && await Due.StartDueAsync(World.Tenant.TenantId, CancellationToken.None) == 0) return;
        }
        throw new InvalidOperationException("Renewals stayed overdue after 30 rounds.");
    }

    public async Task<SubscriptionResponse> SubscribeAsync(HttpClient client, string planId, int quantity = 2, DateTimeOffset? start = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/subscriptions", new CreateSubscriptionRequest(Customer.Id, planId,
            start ?? new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), null, quantity, null, null, null, null), ApiHost.JsonOptions);
        return await TenantWorld.ReadAsync<SubscriptionResponse>(response);
    }

    /// <summary>The customer's Stripe invoices, oldest first, as (period start, total).</summary>
    public async Task<IReadOnlyList<(DateTimeOffset PeriodStart, long Total, string Status)>> InvoicesAsync()
    {
        var invoices = await Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = Customer.StripeCustomerId!,
            Limit = 100 }, Stripe.Read());
        return [.. invoices.Data.AsEnumerable().Reverse()
            .Select(i => (DateTimeOffset.FromUnixTimeSeconds(long.Parse(i.Metadata!["period_start"])), i.Total, i.Status!))];
    }

    public void Dispose() => World.Dispose();
}
