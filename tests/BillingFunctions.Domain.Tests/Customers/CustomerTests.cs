using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.Customers;

public sealed class CustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static Customer Create(string? name = "Globex", string? email = "ap@globex.example", BillingAddress? address = null) =>
        Customer.Create(new CustomerId("cus_1"), new CustomerDetails(name, email, address), new UserId("ada"), new TeamId("north"),
            Currency.Eur, Now).Value;

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("Globex", "no-at-sign")]
    [InlineData("Globex", "two@@example.com")]
    [InlineData("Globex", "spa ce@example.com")]
    public void Creation_refuses_a_missing_name_or_a_malformed_email(string? name, string? email)
    {
        var created = Customer.Create(new CustomerId("cus_1"), new CustomerDetails(name, email, null), new UserId("ada"), null, Currency.Eur, Now);
        Assert.Equal("invalid", created.Error?.Code);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        var created = Customer.Create(new CustomerId("cus_1"), new CustomerDetails(new string('x', Customer.MaxNameLength + 1), null, null),
            new UserId("ada"), null, Currency.Eur, Now);
        Assert.False(created.IsSuccess);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("DEU")]
    public void A_country_is_two_upper_case_letters(string country)
    {
        var customer = Create();
        Assert.False(customer.Update(new CustomerDetails("Globex", null, new BillingAddress("Main St 1", null, "1", "Town", country))).IsSuccess);
        Assert.Equal(1, customer.ToSnapshot().Version);
    }

    [Fact]
    public void Every_accepted_change_raises_the_version_and_a_refused_one_does_not()
    {
        var customer = Create();
        customer.Update(new CustomerDetails("Globex AG", null, null));
        customer.SetDefaultPaymentMethod("pm_123");
        customer.SetDefaultPaymentMethod("card_123");
        customer.Reassign(new UserId("bob"), new TeamId("south"));

        var snapshot = customer.ToSnapshot();
        Assert.Equal((4, "Globex AG", "pm_123", "bob"), (snapshot.Version, snapshot.Name, snapshot.DefaultPaymentMethod, snapshot.Owner.Value));
    }

    [Fact]
    public void Linking_to_stripe_keeps_the_version_so_the_next_sync_key_is_unchanged()
    {
        var customer = Create();
        customer.LinkToStripe("cus_stripe");
        Assert.Equal((1, "cus_stripe"), (customer.ToSnapshot().Version, customer.ToSnapshot().StripeCustomerId));
    }
}
