using System.Net;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

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
            new UpdateCustomerRequest("Globex AG", "ar@globex.example", new AddressDto("Hauptstr. 1", null, "10115", "Berlin", "DE"),
                null), ApiHost.JsonOptions));

        Assert.Equal(2, updated.Version);
        var stripe = TestStripe.Account(host.Stripe.BaseUrl, "sk_test_reader");
        var inStripe = await stripe.V1.Customers.GetAsync(updated.StripeCustomerId!, null, stripe.Read());
        Assert.Equal(("Globex AG", "ar@globex.example"), (inStripe.Name, inStripe.Email));
        var audit = await TenantWorld.ReadAsync<Page<AuditEntryResponse>>(await world.ManagerA.GetAsync($"/api/v1/customers/{customer.Id}/audit"));
        Assert.Equal(["customer.updated", "customer.created"], audit.Items.Select(e => e.Action)); // created in Stripe, so linked from the start
        Assert.Equal("rep-a1", audit.Items[0].Actor);
    }

    [Fact]
    public async Task Handing_a_customer_to_another_rep_moves_it_out_of_the_first_reps_view()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.ManagerA, "Shared Co");
        Assert.Equal("manager-a", customer.OwnerId);

        var handed = await world.ManagerA.PutAsJsonAsync($"/api/v1/customers/{customer.Id}",
            new UpdateCustomerRequest("Shared Co", null, null, "rep-a2"), ApiHost.JsonOptions);
        var toOtherTeam = await world.ManagerA.PutAsJsonAsync($"/api/v1/customers/{customer.Id}",
            new UpdateCustomerRequest("Shared Co", null, null, "rep-b"), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toOtherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.RepA2.GetAsync($"/api/v1/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.RepA1.GetAsync($"/api/v1/customers/{customer.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_rep_cannot_create_a_customer_for_someone_else()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.RepA1.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("X", null, null, "rep-a2", null), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The emulator fails the next <paramref name="count"/> calls under <paramref name="path"/> with <paramref name="status"/>.</summary>
    private async Task FailStripeAsync(string path, int status = 500, int count = 3)
    {
        using var http = new HttpClient();
        (await http.PostAsJsonAsync(new Uri(host.Stripe.BaseUrl, "_emulator/faults"), new { status, count, path_prefix = path }))
            .EnsureSuccessStatusCode();
    }

    private static async Task<IReadOnlyList<CustomerResponse>> ListAsync(HttpClient client) =>
        (await TenantWorld.ReadAsync<Page<CustomerResponse>>(await client.GetAsync("/api/v1/customers"))).Items;

    [Fact]
    public async Task A_customer_Stripe_fails_to_create_is_a_502_problem_and_leaves_nothing_behind()
    {
        using var world = await TenantWorld.CreateAsync(host);
        await FailStripeAsync("/v1/customers");

        var response = await world.RepA1.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex", "ap@globex.example", null, null, null), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await ListAsync(world.Admin));
        var retried = await world.CreateCustomerAsync(world.RepA1, "Globex");
        Assert.NotNull(retried.StripeCustomerId);
        Assert.Equal(["Globex"], (await ListAsync(world.Admin)).Select(c => c.Name));
    }

    [Fact]
    public async Task An_edit_Stripe_fails_to_take_is_a_502_problem_and_the_customer_stays_as_it_was()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1, "Globex");
        await FailStripeAsync("/v1/customers/" + customer.StripeCustomerId);

        var response = await world.RepA1.PutAsJsonAsync($"/api/v1/customers/{customer.Id}",
            new UpdateCustomerRequest("Globex AG", null, null, null), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var after = await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.GetAsync($"/api/v1/customers/{customer.Id}"));
        Assert.Equal(("Globex", customer.Version), (after.Name, after.Version));
        var audit = await TenantWorld.ReadAsync<Page<AuditEntryResponse>>(await world.ManagerA.GetAsync($"/api/v1/customers/{customer.Id}/audit"));
        Assert.Equal(["customer.created"], audit.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task A_Connect_tenant_the_platform_has_no_key_for_gets_a_502_problem_and_no_customer_row()
    {
        // Provisioned before provisioning refused it: on a Connect account, with no Stripe:PlatformSecretKey in this host.
        var tenant = new Tenant(new Domain.Tenancy.TenantId("ten_connect" + Guid.NewGuid().ToString("N")[..8]), "Connected",
            Domain.Monetary.Currency.Eur,
            "Europe/Berlin", null, "acct_" + Guid.NewGuid().ToString("N")[..16], StripeSignature.NewSecret(), DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<TenantDirectory>().AddAsync(tenant, CancellationToken.None);
        await host.Services.GetRequiredService<UserDirectory>().PutAsync(tenant.Id,
            new DirectoryUser(new Domain.Tenancy.UserId("admin"), Domain.Tenancy.Role.Admin, null, "Admin"), CancellationToken.None);
        var key = await host.Services.GetRequiredService<ApiKeyStore>().IssueAsync(tenant.Id,
            new Domain.Tenancy.UserId("admin"), CancellationToken.None);
        using var admin = host.As(key.Secret, "admin");

        var response = await admin.PostAsJsonAsync("/api/v1/customers", new CreateCustomerRequest("Globex", "ap@globex.example", null, null,
            null), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("PlatformSecretKey", await response.Content.ReadAsStringAsync());
        Assert.Empty(await ListAsync(admin));
    }
}
