using BillingFunctions.App.Processes;
using Microsoft.DurableTask.Client;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end billing under <c>/api/v1/month-end</c>: enroll a customer, the entries (a rep sees their own, a manager
/// the team's, finance and admins all, as with invoices), the rep's submission, the review, and the report.
/// </summary>
public static class MonthEndApi
{
    public const int MaxPageSize = 200;

    public static void MapMonthEnd(this IEndpointRouteBuilder api)
    {
        var monthEnd = api.MapGroup("/month-end").RequireAuthorization(Policies.TenantUser).WithTags("Month-end");
        monthEnd.MapPost("/enrollments", EnrollAsync).WithName("EnrollInMonthEndBilling").Produces<BillingEntryResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        monthEnd.MapGet("/entries", ListAsync).WithName("ListBillingEntries").Produces<Page<BillingEntryResponse>>();
        monthEnd.MapGet("/entries/{entryId}", GetAsync).WithName("GetBillingEntry").Produces<BillingEntryResponse>();
        monthEnd.MapPut("/entries/{entryId}/amount", EnterAsync).WithName("EnterBillingEntryAmount").Produces<BillingEntryResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        monthEnd.MapPost("/entries/{entryId}/submit", SubmitAsync).WithName("SubmitBillingEntry").Produces<BillingEntryResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        monthEnd.MapPost("/entries/{entryId}/approve",
            (string entryId, Caller caller, BillingEntryCommands c, TimeProvider time, HttpContext http, CancellationToken ct) =>
                RunAsync(caller, c, time, entryId, "month_end.approved", (e, now, actor) => Describe(e.Approve(actor, now)), accepted: true, ct,
                    DurableClients.Of(http)))
            .WithName("ApproveBillingEntry").Produces<BillingEntryResponse>(StatusCodes.Status202Accepted)
                .ProducesProblem(StatusCodes.Status409Conflict);
        monthEnd.MapPost("/entries/{entryId}/return", (string entryId, ReturnBillingEntryRequest request, Caller caller, BillingEntryCommands c,
                TimeProvider time, CancellationToken ct) =>
                RunAsync(caller, c, time, entryId, "month_end.returned",
                    (e, now, actor) => Describe(e.Return(actor, request.Comment, now)), accepted: false, ct))
            .WithName("ReturnBillingEntry").Produces<BillingEntryResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        monthEnd.MapGet("/report", MonthEndReportQuery.GetAsync).WithName("GetMonthEndReport").Produces<MonthEndReportResponse>();
    }

    private static async Task<IResult> EnrollAsync(EnrollMonthEndRequest request, Caller caller, CustomerStore customers,
        MonthEndStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.CustomerId is null) return Problems.Invalid("customerId is required.");
        if (await customers.GetAsync(caller.Tenant.Id, new CustomerId(request.CustomerId), cancellationToken) is not var (customer, _)
            || !caller.Actor.CanSee(customer.Owner, customer.OwnerTeam))
            return Problems.NotFound($"customer {request.CustomerId}");
        var now = time.GetUtcNow();
        var current = BillingPeriod.Containing(now, caller.Tenant.Calendar);
        var first = current;
        if (request.FirstPeriod is not null && !BillingEntryRow.TryParsePeriod(request.FirstPeriod, out first))
            return Problems.Invalid($"firstPeriod is a month, yyyy-MM, {BusinessDates.MonthRange}.");
        if (first.FirstDay < current.FirstDay)
            return Problems.Invalid($"firstPeriod is {current} or later; months past are billed as ordinary invoices.");

        var entry = BillingEntry.Open(customer, first, caller.Tenant.Calendar).ToSnapshot();
        var audit = new AuditEntry(now, caller.Actor.User.Value, "month_end.enrolled", $"from {first}", null, customer.Id);
        if (!await store.TryEnrollAsync(caller.Tenant.Id, new MonthEndEnrollment(customer.Id, first, first, now, caller.Actor.User.Value), entry,
            audit, cancellationToken))
            return Problems.Conflict($"Customer {customer.Id} is on month-end billing already.");
        return TypedResults.Created($"/api/v1/month-end/entries/{entry.Id}", BillingEntryResponse.From(entry, now));
    }

    private static async Task<IResult> ListAsync(Caller caller, MonthEndStore store, TimeProvider time, CancellationToken cancellationToken,
        [BusinessRange(CalendarText.Month)] string? period = null, string? status = null, int? pageSize = null, string? continuationToken = null)
    {
        BillingPeriod? inPeriod = null;
        if (period is not null)
        {
            if (!BillingEntryRow.TryParsePeriod(period, out var p))
                return Problems.Invalid($"period is a month, yyyy-MM, {BusinessDates.MonthRange}.");
            inPeriod = p;
        }
        BillingEntryStatus? withStatus = null;
        if (status is not null && (withStatus = BillingEntryResponse.ParseStatus(status)) is null)
            return Problems.Invalid("status is one of open, submitted, returned, approved, invoiced.");
        if (pageSize is < 1 or > MaxPageSize) return Problems.Invalid($"pageSize is between 1 and {MaxPageSize}.");
        var page = await store.ListEntriesAsync(caller.Actor, inPeriod, withStatus, pageSize ?? 50, continuationToken, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new Page<BillingEntryResponse>(page.Values.Select(r => BillingEntryResponse.From(BillingEntryRow.Read(r), now))
            .ToList(), page.ContinuationToken));
    }

    private static async Task<IResult> GetAsync(string entryId, Caller caller, MonthEndStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        return BillingEntryRow.TryParseId(entryId, out var customer, out var period)
            && await store.GetEntryAsync(actor.Tenant, customer, period, cancellationToken) is var (entry, _)
            && actor.CanSee(entry.Owner, entry.OwnerTeam)
            ? TypedResults.Ok(BillingEntryResponse.From(entry, time.GetUtcNow()))
            : Problems.NotFound($"billing entry {entryId}");
    }

    /// <summary>The amount and note given, or those entered before: <c>{}</c> submits a saved draft.</summary>
    private static Task<IResult> SubmitAsync(string entryId, SubmitBillingEntryRequest request, Caller caller,
        BillingEntryCommands commands, TimeProvider time, CancellationToken cancellationToken) =>
        AmountAsync(entryId, request.Amount, request.Currency, request.Note, submit: true, caller, commands, time, cancellationToken);

    private static Task<IResult> EnterAsync(string entryId, EnterBillingEntryRequest request, Caller caller,
        BillingEntryCommands commands, TimeProvider time, CancellationToken cancellationToken) =>
        request.Amount is null
            ? Task.FromResult(Problems.Invalid("amount is required, in minor units of the customer's currency."))
            : AmountAsync(entryId, request.Amount, request.Currency, request.Note, submit: false, caller, commands, time, cancellationToken);

    private static async Task<IResult> AmountAsync(string entryId, long? amount, string? currency, string? note, bool submit, Caller caller,
        BillingEntryCommands commands, TimeProvider time, CancellationToken cancellationToken)
    {
        Currency? asked = null;
        if (currency is not null)
        {
            if (!Currency.TryParse(currency, out var parsed)) return Problems.Invalid($"'{currency}' is not an ISO 4217 currency.");
            asked = parsed;
        }
        return await RunAsync(caller, commands, time, entryId, submit ? "month_end.submitted" : "month_end.amount_entered", (entry, now, actor) =>
        {
            var saved = entry.ToSnapshot();
            if (asked is { } c && c != saved.Currency)
                return new DomainError("currency-mismatch", $"The customer is billed in {saved.Currency}, not {c}.");
            if ((amount ?? saved.AmountMinor) is not { } minor)
                return DomainError.Invalid("amount is required, in minor units of the customer's currency.");
            var text = note ?? saved.Note;
            var done = submit ? entry.Submit(actor, minor, saved.Currency, text, now) : entry.Enter(actor, minor, saved.Currency, text);
            return Describe(done, $"{minor} {saved.Currency}");
        }, accepted: false, cancellationToken);
    }

    private static async Task<IResult> RunAsync(Caller caller, BillingEntryCommands commands, TimeProvider time,
        string entryId, string action, Func<BillingEntry, DateTimeOffset, Domain.Tenancy.Actor, Result<string>> change, bool accepted,
        CancellationToken cancellationToken, DurableTaskClient? durable = null)
    {
        var outcome = await commands.ChangeAsync(caller, entryId, action, (entry, now) => change(entry, now, caller.Actor), durable,
            cancellationToken);
        if (outcome is not { } result) return Problems.NotFound($"billing entry {entryId}");
        if (!result.IsSuccess)
            return result.Error!.Code == "currency-mismatch" ? Problems.CurrencyMismatch(result.Error.Message) : Problems.From(result.Error);
        var body = BillingEntryResponse.From(result.Value, time.GetUtcNow());
        return accepted ? TypedResults.Accepted($"/api/v1/month-end/entries/{entryId}", body) : TypedResults.Ok(body);
    }

    private static Result<string> Describe<T>(Result<T> result, string? detail = null) =>
        result.IsSuccess ? detail ?? "done" : result.Error!;
}
