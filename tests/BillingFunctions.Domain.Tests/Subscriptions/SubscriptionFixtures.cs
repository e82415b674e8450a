using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.Subscriptions;

internal static class SubscriptionFixtures
{
    public static readonly ProductId Product = new("prod_app");

    public static Plan MonthlyPlan(string name, long minor) =>
        Plan.Create(new PlanId(name.ToLowerInvariant()), Product, name, new Money(minor, Currency.Usd), BillingInterval.Monthly).Value;

    public static Plan YearlyPlan(string name, long minor) =>
        Plan.Create(new PlanId(name.ToLowerInvariant() + "-yearly"), Product, name, new Money(minor, Currency.Usd), BillingInterval.Yearly).Value;

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public static Subscription Subscribe(Plan plan, DateTimeOffset start, int quantity = 1, int? anchorDay = null,
        DateTimeOffset? trialEnd = null, CollectionMethod collection = CollectionMethod.ChargeAutomatically,
        IReadOnlyList<AddOnItem>? addOns = null) =>
        Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId("sub_1"), Tenant = new TenantId("t1"), Customer = new CustomerId("cus_1"),
            Plan = plan, Quantity = quantity, Start = start, AnchorDay = anchorDay, TrialEnd = trialEnd,
            Collection = collection, AddOns = addOns ?? [],
        }).Value;

    /// <summary>Bills the first period, as the renewal at the start does.</summary>
    public static Subscription SubscribeAndBill(Plan plan, DateTimeOffset start, int quantity = 1, int? anchorDay = null)
    {
        var subscription = Subscribe(plan, start, quantity, anchorDay);
        Assert.True(subscription.Renew(start).IsSuccess);
        return subscription;
    }

    public static long[] Amounts(IEnumerable<BillingLine> lines) => [.. lines.Select(l => l.Amount.Minor)];
}
