using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Microsoft.DurableTask.Client;
using Stripe;
using BillingFunctions.App.Http;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>
/// A tenant with a catalog (Basic 1000 and Pro 3000 per month, in euros), a customer of rep A1 with a card, and the
/// app's own renewals on the host's task hub, started as the timer starts them.
/// </summary>
internal sealed class SubscriptionWorld : IDisposable
{
    private SubscriptionWorld(TenantWorld world, PlanResponse basic, PlanResponse pro, CustomerResponse customer)
    {
        World = world;
        Basic = basic;
        Pro = pro;
        Customer = customer;
    }

    public TenantWorld World { get; }
    public DueRenewals Due => World.Host.Services.GetRequiredService<DueRenewals>();
    public DurableTaskClient Durable => World.Host.Services.GetRequiredService<DurableTaskClient>();
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

        return new SubscriptionWorld(world, basic, pro, customer);
    }

    private static async Task<PlanResponse> PlanAsync(TenantWorld world, string productId, string name, long amount) =>
        await TenantWorld.ReadAsync<PlanResponse>(await world.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(productId, name, amount, null, "month", null), ApiHost.JsonOptions));

    /// <summary>What the timer and the task hub do over time: start the due renewals, run them until nothing is due.</summary>
    public async Task RenewAsync()
    {
        for (var round = 0; round < 30; round++)
        {
            await Due.StartDueAsync(Durable, World.Tenant.TenantId, CancellationToken.None);
            await DurableProcesses.SettleAsync(World.Host.Services, World.Tenant.TenantId);
            if (await Due.StartDueAsync(Durable, World.Tenant.TenantId, CancellationToken.None) == 0)
            {
                await DurableProcesses.SettleAsync(World.Host.Services, World.Tenant.TenantId);
                return;
            }
        }
        throw new InvalidOperationException("Renewals stayed due after 30 rounds.");
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
