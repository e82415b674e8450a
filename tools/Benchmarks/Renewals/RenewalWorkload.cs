extern alias app;

using BillingFunctions.Adapters.StripeApi;
using app::BillingFunctions.App.Hosting;
using app::BillingFunctions.App.Customers;
using app::BillingFunctions.App.Subscriptions;
using app::BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace Benchmarks.Renewals;

internal sealed record RenewalAudit(int Invoices, int Paid, int Duplicates);

/// <summary>Customers, subscriptions and the count of what Stripe ended up with.</summary>
internal static class RenewalWorkload
{
    public const string Tenant = "bench";

    public static async Task<IReadOnlyList<string>> CreateCustomersAsync(StripeAccount stripe, int count)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var run = $"bench:{Guid.NewGuid():N}";
            var customer = await stripe.V1.Customers.CreateAsync(new Stripe.CustomerCreateOptions { Name = $"Customer {i}" },
                stripe.Write(run + ":c"), ct);
            var card = await stripe.V1.PaymentMethods.AttachAsync("pm_card_visa", new Stripe.PaymentMethodAttachOptions { Customer = customer.Id },
                stripe.Write(run + ":pm"), ct);
            await stripe.V1.Customers.UpdateAsync(customer.Id, new Stripe.CustomerUpdateOptions
            {
                InvoiceSettings = new Stripe.CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id },
            }, stripe.Write(run + ":default"), ct);
            ids[i] = customer.Id;
        });
        return ids;
    }

    /// <summary>
    /// Stores the tenant, a CRM customer per Stripe customer and <paramref name="count"/> subscriptions, each starting on
    /// its wave's day (<see cref="StartOf"/>): the find-due-renewals timer (<see cref="DueRenewals"/>) starts those due.
    /// </summary>
    public static async Task StoreAsync(BillingTables tables, TenantDirectory tenants, IReadOnlyList<string> customers, int count,
        DateTimeOffset periodStart, int waves)
    {
        var tenant = new TenantId(Tenant);
        await tenants.AddAsync(new Tenant(tenant, "Benchmark", Currency.Usd, "UTC", "sk_test_benchmark", null, null,
            periodStart), CancellationToken.None);
        var customerStore = new CustomerStore(tables);
        await Parallel.ForAsync(0, customers.Count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await customerStore.TryWriteAsync(tenant, null, default, new CustomerSnapshot
            {
                Id = new CustomerId($"crm_{i}"), Name = $"Customer {i}", Owner = new UserId("bench"), Currency = Currency.Usd,
                StripeCustomerId = customers[i], CreatedAt = periodStart,
            }, null, ct));
        var subscriptions = new SubscriptionStore(tables, TimeProvider.System);
        var plan = Plan.Create(new PlanId("basic"), new ProductId("prod"), "Basic", new Money(1900, Currency.Usd), BillingInterval.Monthly).Value;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var subscription = Subscription.Create(new NewSubscription
            {
                Id = SubscriptionOf(i), Tenant = tenant, Customer = new CustomerId($"crm_{i % customers.Count}"),
                Plan = plan, Start = StartOf(i, count, waves, periodStart),
            }).Value;
            await subscriptions.TrySaveAsync(tenant, null, subscription.ToSnapshot(), null, [], [], ct);
        });
    }

    /// <summary>
    /// Which of <paramref name="waves"/> waves the <paramref name="index"/>th of <paramref name="count"/> subscriptions is
    /// in: consecutive indexes, as even as the division allows.
    /// </summary>
    public static int WaveOf(int index, int count, int waves) => (int)((long)index * waves / count);

    /// <summary>
    /// When a subscription starts: the first wave at <paramref name="periodStart"/>, each later one a day after the one
    /// before, as subscriptions sold on different days fall due on different days.
    /// </summary>
    public static DateTimeOffset StartOf(int index, int count, int waves, DateTimeOffset periodStart) =>
        periodStart.AddDays(WaveOf(index, count, waves));

    /// <summary>The id of the <paramref name="index"/>th subscription <see cref="StoreAsync"/> stores.</summary>
    public static SubscriptionId SubscriptionOf(int index) => new($"sub_{index:D6}");

    /// <summary>Every invoice of every customer, grouped by the subscription and period in its metadata.</summary>
    public static async Task<RenewalAudit> AuditAsync(StripeAccount stripe, IReadOnlyList<string> customers)
    {
        var invoices = new List<Stripe.Invoice>();
        foreach (var customer in customers)
        {
            string? after = null;
            do
            {
                var page = await stripe.V1.Invoices.ListAsync(new Stripe.InvoiceListOptions { Customer = customer, Limit = 100,
                    StartingAfter = after }, stripe.Read());
                invoices.AddRange(page.Data);
                after = page.HasMore ? page.Data[^1].Id : null;
            }
            while (after is not null);
        }
        var duplicates = invoices.GroupBy(i => (i.Metadata!["subscription"], i.Metadata["period_start"])).Sum(g => g.Count() - 1);
        return new RenewalAudit(invoices.Count, invoices.Count(i => i.Status == "paid"), duplicates);
    }
}
