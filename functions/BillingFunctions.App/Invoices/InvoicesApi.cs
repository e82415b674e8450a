using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Invoices;

public static class InvoicesApi
{
    public const int MaxPageSize = 200;

    public static void MapInvoices(this IEndpointRouteBuilder api)
    {
        var invoices = api.MapGroup("/invoices").RequireAuthorization(Policies.TenantUser).WithTags("Invoices");
        invoices.MapPost("", InvoiceCreation.CreateAsync).WithName("CreateInvoice").Produces<InvoiceResponse>(StatusCodes.Status201Created);
        invoices.MapGet("", ListAsync).WithName("ListInvoices").Produces<Page<InvoiceListItem>>();
        invoices.MapGet("/export.csv", Export).WithName("ExportInvoices").ProducesCsv()
            .WithDescription("The invoices the list would show, with its filters and sorts, as one CSV file streamed a row per invoice line; " +
                "amounts in integer minor units of the row's currency. The columns are in docs/CSV.md.");
        invoices.MapGet("/{invoiceId}", GetAsync).WithName("GetInvoice").Produces<InvoiceResponse>();
        invoices.MapGet("/{invoiceId}/timeline", TimelineAsync).WithName("GetInvoiceTimeline").Produces<List<TimelineEntry>>();
        invoices.MapPost("/{invoiceId}/lines",
            (string invoiceId, InvoiceLineRequest line, Caller caller, InvoiceCommandRunner run, CancellationToken ct) =>
                run.RunAsync(caller, invoiceId,
                    i => i.AddLine(new NewInvoiceLine(line.Description, line.Quantity ?? 1, line.UnitAmount ?? -1, line.TaxRateBasisPoints)), ct))
            .WithName("AddInvoiceLine").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapDelete("/{invoiceId}/lines/{lineId}",
            (string invoiceId, string lineId, Caller caller, InvoiceCommandRunner run, CancellationToken ct) =>
                run.RunAsync(caller, invoiceId, i => i.RemoveLine(lineId), ct))
            .WithName("RemoveInvoiceLine").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{invoiceId}/labels",
            (string invoiceId, LabelRequest request, Caller caller, InvoiceCommandRunner run, CancellationToken ct) =>
                run.RunAsync(caller, invoiceId, i => i.AddLabel(request.Label ?? ""), ct))
            .WithName("AddInvoiceLabel").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapDelete("/{invoiceId}/labels/{label}",
            (string invoiceId, string label, Caller caller, InvoiceCommandRunner run, CancellationToken ct) =>
                run.RunAsync(caller, invoiceId,
                    i => i.Labels.Any(l => l.Value == label) ? i.RemoveLabel(label) : new InvoiceChange("label.absent", label), ct))
            .WithName("RemoveInvoiceLabel").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{invoiceId}/hold",
            async (string invoiceId, HoldRequest? request, Caller caller, InvoiceCommandRunner run, IInvoiceHoldListener holds,
                HttpContext http, CancellationToken ct) =>
                await holds.AfterHoldAsync(caller, await run.RunAsync(caller, invoiceId, i => i.Hold(request?.Reason), ct),
                    DurableClients.Of(http), ct))
            .WithName("HoldInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{invoiceId}/release", (string invoiceId, Caller caller, InvoiceCommandRunner run, CancellationToken ct) =>
                run.RunAsync(caller, invoiceId, i => i.Release(), ct))
            .WithName("ReleaseInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        InvoiceStripeCommands.Map(invoices);
    }

    private static async Task<IResult> GetAsync(string invoiceId, Caller caller, InvoiceStore store, CancellationToken cancellationToken)
    {
        return await store.GetAsync(caller.Tenant, new InvoiceId(invoiceId), cancellationToken) is var (invoice, _)
            && caller.Actor.CanSee(invoice.Owner, invoice.OwnerTeam)
            ? TypedResults.Ok(InvoiceResponse.From(invoice))
            : Problems.NotFound($"invoice {invoiceId}");
    }

    private static async Task<IResult> TimelineAsync(string invoiceId, Caller caller, InvoiceStore store,
        AuditQueries audit, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Tenant, new InvoiceId(invoiceId), cancellationToken) is not var (invoice, _)
            || !caller.Actor.CanSee(invoice.Owner, invoice.OwnerTeam))
            return Problems.NotFound($"invoice {invoiceId}");
        var entries = await audit.ReadAllAsync(caller.Tenant.Id, AuditRows.ForInvoice(invoice.Id), cancellationToken);
        return TypedResults.Ok(entries.Select(e => new TimelineEntry(e.At, e.Actor, e.Action, e.Detail)).ToList());
    }

    private static async Task<IResult> ListAsync(Caller caller, InvoiceQueries queries, CancellationToken cancellationToken,
        string? status = null, [ItemMaxLength(Label.MaxLength)] string[]? label = null, [MaxLength(Ids.MaxLength)] string? customerId = null,
        [MaxLength(Ids.MaxLength)] string? ownerId = null, [BusinessRange(CalendarText.Quarter)] string? quarter = null,
        string? sort = null, int? pageSize = null, string? continuationToken = null)
    {
        if (pageSize is < 1 or > MaxPageSize) return Problems.Invalid($"pageSize is between 1 and {MaxPageSize}.");
        var (filter, problem) = Filter(status, label, customerId, ownerId, quarter, sort);
        if (problem is not null) return problem;
        return TypedResults.Ok(await queries.ListAsync(caller.Actor, filter!, pageSize ?? 50, continuationToken, cancellationToken));
    }

    /// <summary>Every invoice the list would show, as CSV (docs/CSV.md), streamed: a row per invoice line.</summary>
    private static IResult Export(Caller caller, InvoiceQueries queries, InvoiceStore store,
        string? status = null, [ItemMaxLength(Label.MaxLength)] string[]? label = null, [MaxLength(Ids.MaxLength)] string? customerId = null,
        [MaxLength(Ids.MaxLength)] string? ownerId = null, [BusinessRange(CalendarText.Quarter)] string? quarter = null, string? sort = null)
    {
        var (filter, problem) = Filter(status, label, customerId, ownerId, quarter, sort);
        return problem ?? new CsvDownload("invoices.csv", InvoiceCsv.Columns,
            cancellationToken => InvoiceCsv.RowsAsync(caller.Tenant, store, queries.ReadAllAsync(caller.Actor, filter!, cancellationToken),
                cancellationToken));
    }

    /// <summary>The list's query parameters as a filter, or the problem with them; the list and the CSV export take the same.</summary>
    private static (InvoiceFilter? Filter, IResult? Problem) Filter(string? status, string[]? label, string? customerId, string? ownerId,
        string? quarter, string? sort)
    {
        InvoiceView? view = null;
        if (status is not null)
        {
            if (!Enum.GetValues<InvoiceView>().Any(v => InvoiceIndex.ViewName(v) == status))
                return (null, Problems.Invalid("status is one of draft, open, paid, on_hold, overdue, void, uncollectible."));
            view = Enum.GetValues<InvoiceView>().First(v => InvoiceIndex.ViewName(v) == status);
        }
        var labels = new List<Label>();
        foreach (var raw in label ?? [])
        {
            var parsed = Label.Create(raw);
            if (!parsed.IsSuccess) return (null, Problems.From(parsed.Error!));
            labels.Add(parsed.Value);
        }
        if (customerId is not null && !Ids.IsValid(customerId)) return (null, Problems.Invalid("customerId is not an id."));
        if (ownerId is not null && !Ids.IsValid(ownerId)) return (null, Problems.Invalid("ownerId is not an id."));
        Quarter? inQuarter = null;
        if (quarter is not null)
        {
            if (!BusinessDates.TryParseQuarter(quarter, out var q))
                return (null, Problems.Invalid($"quarter is yyyy-Qn, {BusinessDates.QuarterRange}."));
            inQuarter = q;
        }
        var order = sort switch { null => InvoiceSort.None, "dueDate" => InvoiceSort.DueDate, "amount" => InvoiceSort.Amount,
            _ => (InvoiceSort?)null };
        if (order is null) return (null, Problems.Invalid("sort is dueDate (earliest first) or amount (largest first)."));
        return (new InvoiceFilter(view, labels, customerId is null ? null : new CustomerId(customerId),
            ownerId is null ? null : new UserId(ownerId), inQuarter, order.Value), null);
    }
}

/// <summary>Runs one invoice command for the caller: only on invoices they can see (others are "not found").</summary>
public sealed class InvoiceCommandRunner(InvoiceStore store)
{
    public async Task<IResult> RunAsync(Caller caller, string invoiceId, Func<Invoice, Result<InvoiceChange>> command,
        CancellationToken cancellationToken)
    {
        var outcome = await store.ChangeAsync(caller.Tenant, new InvoiceId(invoiceId), invoice =>
        {
            var snapshot = invoice.ToSnapshot();
            if (!caller.Actor.CanSee(snapshot.Owner, snapshot.OwnerTeam)) return new DomainError("not-found", $"There is no invoice {invoiceId}.");
            var result = command(invoice);
            if (!result.IsSuccess) return result.Error!;
            List<InvoiceChange> changes = result.Value.Action is "label.kept" or "label.absent" ? [] : [result.Value];
            return changes;
        }, caller.Actor.User.Value, null, cancellationToken, IdempotencyClaim.Current);
        return ToResult(outcome, invoiceId);
    }

    public static IResult ToResult(ChangeOutcome outcome, string invoiceId) => outcome switch
    {
        ChangeOutcome.Changed c => TypedResults.Ok(InvoiceResponse.From(c.Invoice)),
        ChangeOutcome.Unchanged u => TypedResults.Ok(InvoiceResponse.From(u.Invoice)),
        ChangeOutcome.Rejected r => Problems.From(r.Error),
        _ => Problems.NotFound($"invoice {invoiceId}"),
    };
}
