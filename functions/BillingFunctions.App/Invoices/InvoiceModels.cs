using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Invoices;

public sealed record InvoiceLineRequest(
    [property: MaxLength(InvoiceLimits.MaxDescriptionLength)] string? Description, long? Quantity, long? UnitAmount, int? TaxRateBasisPoints);

public sealed record CreateInvoiceRequest(
    [property: MaxLength(Ids.MaxLength)] string? CustomerId, [property: MaxLength(Currency.CodeLength)] string? Currency,
    [property: MaxLength(UserDirectory.MaxIdLength)] string? OwnerId, string? CollectionMethod,
        [property: BusinessRange(CalendarText.Date)] DateOnly? DueDate, int? DaysUntilDue,
    IReadOnlyList<InvoiceLineRequest>? Lines, [property: ItemMaxLength(Label.MaxLength)] IReadOnlyList<string>? Labels);

public sealed record LabelRequest([property: MaxLength(Domain.Invoices.Label.MaxLength)] string? Label);

public sealed record HoldRequest([property: MaxLength(InvoiceLimits.MaxHoldReasonLength)] string? Reason);

public sealed record InvoiceLineResponse(string Id, string Description, long Quantity, long UnitAmount,
    int? TaxRateBasisPoints, long Amount, long Tax);

/// <summary>Amounts are integer minor units of <see cref="Currency"/>.</summary>
public sealed record InvoiceResponse(
    string Id, string CustomerId, string OwnerId, string? OwnerTeamId, string Status, string View, bool OnHold, bool Overdue,
    string Currency, string CollectionMethod, DateOnly? DueDate, int? DaysUntilDue, IReadOnlyList<InvoiceLineResponse> Lines,
    IReadOnlyList<string> Labels, long Subtotal, long Tax, long Total, long AmountPaid, long AmountDue, string? Number,
    string? HostedInvoiceUrl, string? StripeInvoiceId, DateTimeOffset CreatedAt, DateTimeOffset? FinalizedAt, DateTimeOffset? PaidAt,
    DateTimeOffset? ClosedAt)
{
    public static InvoiceResponse From(InvoiceSnapshot s)
    {
        var i = Invoice.Restore(s);
        return new(s.Id.Value, s.Customer.Value, s.Owner.Value, s.OwnerTeam?.Value, s.Status.ToString().ToLowerInvariant(),
            InvoiceIndex.ViewName(i.View), s.OnHold, i.IsOverdue, s.Currency.Code, WireCollection(s.Collection), s.DueDate, s.DaysUntilDue,
            s.Lines.Select(l => new InvoiceLineResponse(l.Id, l.Description, l.Quantity, l.UnitAmount.Minor, l.TaxRateBasisPoints,
                l.Amount.Minor, l.Tax.Minor)).ToList(),
            s.Labels.Select(l => l.Value).ToList(), i.Subtotal.Minor, i.Tax.Minor, i.Total.Minor, i.AmountPaid.Minor, i.AmountDue.Minor,
            s.Number, s.HostedInvoiceUrl, s.StripeInvoiceId, s.CreatedAt, s.FinalizedAt, s.PaidAt, s.ClosedAt);
    }

    public static string WireCollection(CollectionMethod method) =>
        method == Domain.Invoices.CollectionMethod.SendInvoice ? "send_invoice" : "charge_automatically";
}

/// <summary>One invoice in a list, read from an index row alone.</summary>
public sealed record InvoiceListItem(
    string Id, string CustomerId, string OwnerId, string View, string Currency, long Total, long AmountDue, string? DueDate,
    string? Number, IReadOnlyList<string> Labels, string? Quarter);

public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, string Detail);
