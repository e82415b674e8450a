using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.MonthEnd;

internal static class MonthEndFixtures
{
    public static readonly TenantId Tenant = new("t1");
    public static readonly TeamId North = new("north");
    public static readonly TeamId South = new("south");
    public static readonly Actor Rep = new(Tenant, new UserId("rep-a"), Role.Rep, North);
    public static readonly Actor OtherRep = new(Tenant, new UserId("rep-b"), Role.Rep, North);
    public static readonly Actor NorthManager = new(Tenant, new UserId("boss-n"), Role.Manager, North);
    public static readonly Actor SouthManager = new(Tenant, new UserId("boss-s"), Role.Manager, South);
    public static readonly Actor Finance = new(Tenant, new UserId("fin"), Role.Finance, null);
    public static readonly BillingPeriod November = BillingPeriod.Of(new DateOnly(2026, 11, 1));
    public static readonly DateTimeOffset Now = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);

    public static CustomerSnapshot Customer(string id = "cus_1", Actor? owner = null, Currency? currency = null) => new()
    {
        Id = new CustomerId(id), Name = $"Client {id}", Email = $"{id}@example.com",
        Address = new BillingAddress("1 Main St", null, "10115", "Berlin", "DE"),
        Owner = (owner ?? Rep).User, OwnerTeam = (owner ?? Rep).Team, Currency = currency ?? Currency.Eur,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static BillingEntry OpenEntry(CustomerSnapshot? customer = null, BillingPeriod? period = null) =>
        BillingEntry.Open(customer ?? Customer(), period ?? November, TenantCalendar.Utc);

    public static BillingEntry Submitted(long amountMinor = 1_234_50)
    {
        var entry = OpenEntry();
        var submitted = entry.Submit(Rep, amountMinor, Currency.Eur, "November retainer", Now);
        Assert.True(submitted.IsSuccess, submitted.Error?.Message);
        return entry;
    }

    public static BillingEntry Invoiced(CustomerSnapshot customer, BillingPeriod period)
    {
        var entry = OpenEntry(customer, period);
        var owner = new Actor(Tenant, customer.Owner, Role.Rep, customer.OwnerTeam);
        Assert.True(entry.Submit(owner, 100_00, customer.Currency, "Work", Now).IsSuccess);
        Assert.True(entry.Approve(Finance, Now).IsSuccess);
        Assert.True(entry.RecordInvoiced(new InvoiceId($"inv_{customer.Id}"), Now).IsSuccess);
        return entry;
    }
}
