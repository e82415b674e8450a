using System.Net;
using System.Net.Http.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Customers;

public sealed class CustomerTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Search_finds_customers_by_the_start_of_their_name_whatever_the_case()
    {
        using var world = await TenantWorld.CreateAsync(host);
        foreach (var name in new[] { "Globex GmbH", "Global Dynamics", "Initech", "Umbrella" })
            await world.CreateCustomerAsync(world.RepA1, name);

        var found = await TenantWorld.ReadAsync<Page<CustomerResponse>>(await world.RepA1.GetAsync("/api/v1/customers?search=glob"));

        Assert.Equal(["Global Dynamics", "Globex GmbH"], found.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task An_update_reaches_the_stripe_customer_and_the_audit_trail()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);

        var updated = await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.PutAsJsonAsync($"/api/v1/customers/{customer.Id}",
            new UpdateCustomerRequest("Globex AG", "ar@globex.example", new AddressDto("Hauptstr. 1", null, "10115", "Berlin", "DE"), null), ApiHost.JsonOptions));

        Assert.Equal(2, updated.Version);
        var stripe = new StripeClient(new HttpClient(), new StripeClientOptions { BaseUrl = host.Stripe.BaseUrl, ApiKey = "sk_test_reader" });
        var inStripe = await stripe.Customers.RetrieveAsync(updated.StripeCustomerId!);
        Assert.Equal(("Globex AG", "ar@globex.example"), (inStripe.Name, inStripe.Email));
        var audit = await TenantWorld.ReadAsync<Page<AuditEntryResponse>>(await world.ManagerA.GetAsync($"/api/v1/customers/{customer.Id}/audit"));
        Assert.Equal(["customer.updated", "customer.stripe_linked", "customer.created"], audit.Items.Select(e => e.Action));
        Assert.Equal("rep-a1", audit.Items[0].Actor);
    }

    [Fact]
    public async Task Handing_a_customer_to_another_rep_moves_it_out_of_the_first_reps_view()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.ManagerA, "Shared Co");
        Assert.Equal("manager-a", customer.OwnerId);

        var handed = await world.ManagerA.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new UpdateCustomerRequest("Shared Co", null, null, "rep-a2"), ApiHost.JsonOptions);
        var toOtherTeam = await world.ManagerA.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new UpdateCustomerRequest("Shared Co", null, null, "rep-b"), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toOtherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.RepA2.GetAsync($"/api/v1/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.RepA1.GetAsync($"/api/v1/customers/{customer.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_rep_cannot_create_a_customer_for_someone_else()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.RepA1.PostAsJsonAsync("/api/v1/customers", new CreateCustomerRequest("X", null, null, "rep-a2", null), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
