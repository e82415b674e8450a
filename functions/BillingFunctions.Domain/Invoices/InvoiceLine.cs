using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Invoices;

/// <summary>
/// One line of an invoice: quantity × unit amount, with tax on top at an optional rate. Both go to Stripe as they are,
/// so the invoice total here is what Stripe charges: the unit amount must be one Stripe charges (whole steps of 10 in
/// the three-decimal currencies; an entered amount off that step is refused, not changed) and the tax is rounded to it.
/// </summary>
public sealed record InvoiceLine(string Id, string Description, long Quantity, Money UnitAmount, int? TaxRateBasisPoints)
{
    public Money Amount => UnitAmount.Times(Quantity);
    public Money Tax => TaxRateBasisPoints is { } bps ? Amount.ShareInBasisPoints(bps) : Money.Zero(UnitAmount.Currency);

    public static Result<InvoiceLine> Create(string id, string? description, long quantity, long unitAmountMinor,
        Currency currency, int? taxRateBasisPoints,
        bool mayBeCredit = false)
    {
        if (string.IsNullOrWhiteSpace(description)) return DomainError.Invalid("A line needs a description.");
        if (description.Length > InvoiceLimits.MaxDescriptionLength)
            return DomainError.Invalid($"A line description is at most {InvoiceLimits.MaxDescriptionLength} characters.");
        if (description.Any(char.IsControl)) return DomainError.Invalid("A line description is one line of text, without control characters.");
        if (quantity is < 1 or > InvoiceLimits.MaxQuantity)
            return DomainError.Invalid($"Quantity must be between 1 and {InvoiceLimits.MaxQuantity}.");
        if ((!mayBeCredit && unitAmountMinor < 0) || unitAmountMinor < -InvoiceLimits.MaxAmountMinor
            || unitAmountMinor > InvoiceLimits.MaxAmountMinor)
            return DomainError.Invalid($"Unit amount must be between 0 and {InvoiceLimits.MaxAmountMinor} minor units.");
        if (Math.Abs(unitAmountMinor) * quantity > InvoiceLimits.MaxAmountMinor)
            return DomainError.Invalid($"A line amount is at most {InvoiceLimits.MaxAmountMinor} minor units.");
        if (!new Money(unitAmountMinor, currency).IsWholeChargeIncrement)
            return DomainError.Invalid($"Unit amount {unitAmountMinor}: {currency.ChargeIncrementRule}");
        if (taxRateBasisPoints is < 0 or > 10_000)
            return DomainError.Invalid("A tax rate is between 0% and 100% (0 to 10000 basis points).");
        return new InvoiceLine(id, description.Trim(), quantity, new Money(unitAmountMinor, currency), taxRateBasisPoints);
    }
}
