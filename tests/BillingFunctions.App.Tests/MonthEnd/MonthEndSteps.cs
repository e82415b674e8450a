using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>The CRM's calls for month-end billing, as a rep or manager makes them.</summary>
internal static class MonthEndSteps
{
    public static string EntryPath(string entryId, string? action = null) =>
        $"/api/v1/month-end/entries/{Uri.EscapeDataString(entryId)}" + (action is null ? "" : "/" + action);

    /// <summary>A customer of rep A1 with a card on file, in Stripe.</summary>
    public static async Task<CustomerResponse> CustomerWithCardAsync(TenantWorld world, string name = "Globex GmbH", string card = "pm_card_visa")
    {
        var customer = await world.CreateCustomerAsync(world.RepA1, name);
        return await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.PostAsJsonAsync(
            $"/api/v1/customers/{customer.Id}/default-payment-method", new SetPaymentMethodRequest(card), ApiHost.JsonOptions));
    }

    public static Task<HttpResponseMessage> EnrollAsync(HttpClient client, string customerId, string? firstPeriod) =>
        client.PostAsJsonAsync("/api/v1/month-end/enrollments", new EnrollMonthEndRequest(customerId, firstPeriod), ApiHost.JsonOptions);

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string entryId, long? amount, string? currency, string? note) =>
        client.PostAsJsonAsync(EntryPath(entryId, "submit"), new SubmitBillingEntryRequest(amount, currency, note), ApiHost.JsonOptions);

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string entryId) => client.PostAsync(EntryPath(entryId, "approve"), null);

    public static Task<HttpResponseMessage> ReturnAsync(HttpClient client, string entryId, string? comment) =>
        client.PostAsJsonAsync(EntryPath(entryId, "return"), new ReturnBillingEntryRequest(comment), ApiHost.JsonOptions);

    public static async Task<BillingEntryResponse> EntryAsync(HttpClient client, string entryId) =>
        await TenantWorld.ReadAsync<BillingEntryResponse>(await client.GetAsync(EntryPath(entryId)));

    /// <summary>Enrolled, submitted by rep A1 and approved by manager A: the invoicing process has started.</summary>
    public static async Task<BillingEntryResponse> ApprovedEntryAsync(TenantWorld world, string customerId, long amount, string period = "2026-11")
    {
        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(world.RepA1, customerId, period));
        await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(world.RepA1, entry.Id, amount, "eur", "Monthly retainer"));
        return await TenantWorld.ReadAsync<BillingEntryResponse>(await ApproveAsync(world.ManagerA, entry.Id));
    }
}
