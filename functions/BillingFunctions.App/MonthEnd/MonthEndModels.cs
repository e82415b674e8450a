using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;

namespace BillingFunctions.App.MonthEnd;

/// <summary>Puts a customer on month-end billing from <see cref="FirstPeriod"/> (yyyy-MM; default: the current month).</summary>
public sealed record EnrollMonthEndRequest([property: MaxLength(Ids.MaxLength)] string? CustomerId,
    [property: BusinessRange(CalendarText.Month)] string? FirstPeriod);

/// <summary>
/// The month's amount in integer minor units of the customer's currency, and what it is for (the invoice line); either
/// left out submits what was entered before.
/// </summary>
public sealed record SubmitBillingEntryRequest(
    long? Amount, [property: MaxLength(Currency.CodeLength)] string? Currency, [property: MaxLength(BillingEntry.MaxNoteLength)] string? Note);

/// <summary>A draft of the month's amount and note, saved without submitting; same units and rules as a submission.</summary>
public sealed record EnterBillingEntryRequest(
    long? Amount, [property: MaxLength(Currency.CodeLength)] string? Currency, [property: MaxLength(BillingEntry.MaxNoteLength)] string? Note);

public sealed record ReturnBillingEntryRequest([property: MaxLength(BillingEntry.MaxCommentLength)] string? Comment);

/// <summary>One customer's month. <see cref="Amount"/> is in minor units of <see cref="Currency"/>; null until the rep enters it.</summary>
public sealed record BillingEntryResponse(
    string Id, string CustomerId, string CustomerName, string? CustomerEmail, AddressDto? Address, string OwnerId, string? OwnerTeamId,
    string Period, string Status, string Currency, long? Amount, string? Note, string? ReviewComment, string? SubmittedBy,
    DateTimeOffset? SubmittedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? InvoiceId, DateTimeOffset? InvoicedAt,
    DateTimeOffset OpenedAt, DateTimeOffset DeadlineAt, bool Overdue, int Version)
{
    public static BillingEntryResponse From(BillingEntrySnapshot e, DateTimeOffset now) => new(
        e.Id.Value, e.Customer.Value, e.BillingDetails.Name, e.BillingDetails.Email, AddressDto.From(e.BillingDetails.Address), e.Owner.Value,
        e.OwnerTeam?.Value, e.Period.ToString(), StatusName(e.Status), e.Currency.Code, e.AmountMinor, e.Note, e.ReviewComment,
        e.SubmittedBy?.Value, e.SubmittedAt, e.ReviewedBy?.Value, e.ReviewedAt, e.Invoice?.Value, e.InvoicedAt, e.OpenedAt, e.DeadlineAt,
        BillingEntry.Restore(e).IsOverdue(now), e.Version);

    public static string StatusName(BillingEntryStatus status) => status switch
    {
        BillingEntryStatus.ReturnedForChanges => "returned",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static BillingEntryStatus? ParseStatus(string name) =>
        Enum.GetValues<BillingEntryStatus>().Cast<BillingEntryStatus?>().FirstOrDefault(s => StatusName(s!.Value) == name);
}

public sealed record UnbilledCustomerResponse(string CustomerId, string Name, string RepId, string? TeamId, string? EntryStatus);

public sealed record RepBacklogResponse(string RepId, string? TeamId, IReadOnlyList<UnbilledCustomerResponse> NotBilled);

public sealed record TeamBacklogResponse(string? TeamId, IReadOnlyList<UnbilledCustomerResponse> NotBilled);

public sealed record OverdueEntryResponse(string EntryId, string CustomerId, string RepId, string? TeamId, string Period, string Status,
    DateTimeOffset DeadlineAt);

/// <summary>Who has not been billed for <see cref="Period"/>, per rep and per team, and every entry past its deadline.</summary>
public sealed record MonthEndReportResponse(
    string Period, IReadOnlyList<RepBacklogResponse> PerRep, IReadOnlyList<TeamBacklogResponse> PerTeam, IReadOnlyList<OverdueEntryResponse> Overdue)
{
    public static MonthEndReportResponse From(MonthEndReport r)
    {
        static UnbilledCustomerResponse Item(UnbilledCustomer u) =>
            new(u.Customer.Value, u.Name, u.Rep.Value, u.Team?.Value, u.EntryStatus is { } s ? BillingEntryResponse.StatusName(s) : null);
        return new(r.Period.ToString(),
            r.PerRep.Select(b => new RepBacklogResponse(b.Rep.Value, b.Team?.Value, b.NotBilled.Select(Item).ToList())).ToList(),
            r.PerTeam.Select(b => new TeamBacklogResponse(b.Team?.Value, b.NotBilled.Select(Item).ToList())).ToList(),
            r.Overdue.Select(o => new OverdueEntryResponse(o.Entry.Value, o.Customer.Value, o.Rep.Value, o.Team?.Value, o.Period.ToString(),
                BillingEntryResponse.StatusName(o.Status), o.DeadlineAt)).ToList());
    }
}
