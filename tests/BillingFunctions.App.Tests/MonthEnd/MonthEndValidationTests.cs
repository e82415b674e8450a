using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Tests.Api;
using static BillingFunctions.App.Tests.MonthEnd.MonthEndSteps;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>Bad input and refused transitions answer with a problem and leave the entry and the audit trail as they were.</summary>
public sealed class MonthEndValidationTests(MonthEndHost host) : IClassFixture<MonthEndHost>
{
    public static TheoryData<long?, string?, string?, string> BadSubmissions() => new()
    {
        { 0, "eur", "Retainer", "invalid-request" },
        { -1_000, "eur", "Retainer", "invalid-request" },
        { 100_000_000, "eur", "Retainer", "invalid-request" },
        { null, "eur", "Retainer", "invalid-request" },
        { 10_000, "usd", "Retainer", "currency-mismatch" },
        { 10_000, "xyz", "Retainer", "invalid-request" },
        { 10_000, "eur", new string('n', 501), "invalid-request" },
        { 10_000, "eur", "   ", "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task A_bad_amount_currency_or_note_is_a_400_and_writes_nothing(long? amount, string? currency, string? note, string problem)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(world.RepA1, customer.Id, null));

        var response = await SubmitAsync(world.RepA1, entry.Id, amount, currency, note);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Problems.TypeBase + problem, await response.Content.ReadAsStringAsync());
        var after = await EntryAsync(world.RepA1, entry.Id);
        Assert.Equal(("open", 1, (long?)null, (string?)null), (after.Status, after.Version, after.Amount, after.Note));
        Assert.Equal(["month_end.enrolled"], await AuditActionsAsync(world, customer));
    }

    [Fact]
    public async Task Reviewing_an_entry_nobody_submitted_is_a_conflict_and_sending_back_needs_a_comment()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(world.RepA1, customer.Id, "2026-11"));

        Assert.Equal(HttpStatusCode.Conflict, (await ApproveAsync(world.ManagerA, entry.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ReturnAsync(world.ManagerA, entry.Id, "Why?")).StatusCode);
        // Only the customer's rep enters the amount, not even their manager.
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(world.ManagerA, entry.Id, 5_000, null, "Support")).StatusCode);
        await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(world.RepA1, entry.Id, 5_000, null, "Support"));
        Assert.Equal(HttpStatusCode.BadRequest, (await ReturnAsync(world.ManagerA, entry.Id, " ")).StatusCode);
        // Other reps do not see it at all, even in the same team.
        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(world.RepB, entry.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(world.RepA2, entry.Id)).StatusCode);

        var after = await EntryAsync(world.ManagerA, entry.Id);
        Assert.Equal(("submitted", 2), (after.Status, after.Version));
        Assert.Equal(["month_end.submitted", "month_end.enrolled"], await AuditActionsAsync(world, customer));
    }

    [Fact]
    public async Task Enrolling_twice_a_past_month_or_a_malformed_month_is_refused()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);

        Assert.Equal(HttpStatusCode.BadRequest, (await EnrollAsync(world.RepA1, customer.Id, "2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrollAsync(world.RepA1, customer.Id, "November")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EnrollAsync(world.RepB, customer.Id, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await EnrollAsync(world.RepA1, customer.Id, "2027-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await EnrollAsync(world.ManagerA, customer.Id, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await world.RepA1.GetAsync("/api/v1/month-end/report?period=2026-13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.RepA1.GetAsync(EntryPath("month-end:nobody:2026-11"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.RepA1.GetAsync(EntryPath("not-an-entry"))).StatusCode);
        Assert.Equal(["month_end.enrolled"], await AuditActionsAsync(world, customer));
    }

    [Fact]
    public async Task A_submission_repeated_with_its_Idempotency_Key_replays_the_answer_and_changes_nothing_more()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(world.RepA1, customer.Id, null));

        async Task<HttpResponseMessage> SubmitOnceAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, EntryPath(entry.Id, "submit"))
            {
                Content = JsonContent.Create(new SubmitBillingEntryRequest(9_900, "eur", "Support"), options: ApiHost.JsonOptions),
            };
            request.Headers.Add("Idempotency-Key", "submit-" + entry.Id);
            return await world.RepA1.SendAsync(request);
        }
        var first = await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitOnceAsync());
        var repeat = await SubmitOnceAsync();

        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((first.Version, "submitted"), ((await TenantWorld.ReadAsync<BillingEntryResponse>(repeat)).Version, first.Status));
        Assert.Equal(first.Version, (await EntryAsync(world.RepA1, entry.Id)).Version);
        Assert.Equal(["month_end.submitted", "month_end.enrolled"], await AuditActionsAsync(world, customer));
    }

    [Fact]
    public async Task A_saved_draft_stays_open_and_is_submitted_as_entered_while_a_bad_draft_writes_nothing()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(world.RepA1, customer.Id, null));

        var bad = await world.RepA1.PutAsJsonAsync(EntryPath(entry.Id, "amount"),
            new EnterBillingEntryRequest(-1, "eur", "Support"), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var draft = await TenantWorld.ReadAsync<BillingEntryResponse>(await world.RepA1.PutAsJsonAsync(EntryPath(entry.Id, "amount"),
            new EnterBillingEntryRequest(4_321, "eur", "Support hours"), ApiHost.JsonOptions));
        Assert.Equal(("open", 4_321L, "Support hours", 2), (draft.Status, draft.Amount, draft.Note, draft.Version));

        var submitted = await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(world.RepA1, entry.Id, null, null, null));

        Assert.Equal(("submitted", 4_321L, "Support hours"), (submitted.Status, submitted.Amount, submitted.Note));
        Assert.Equal(["month_end.submitted", "month_end.amount_entered", "month_end.enrolled"], await AuditActionsAsync(world, customer));
    }

    private static async Task<List<string>> AuditActionsAsync(TenantWorld world, CustomerResponse customer) =>
        (await TenantWorld.ReadAsync<Page<AuditEntryResponse>>(await world.Finance.GetAsync($"/api/v1/customers/{customer.Id}/audit")))
            .Items.Select(a => a.Action).Where(a => a.StartsWith("month_end.", StringComparison.Ordinal)).ToList();
}
