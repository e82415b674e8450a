namespace BillingFunctions.Domain.Invoices;

/// <summary>Bounds that reject absurd input before anything is written or sent to Stripe.</summary>
public static class InvoiceLimits
{
    /// <summary>Stripe refuses amounts above eight digits of minor units.</summary>
    public const long MaxAmountMinor = 99_999_999;
    public const long MaxQuantity = 1_000_000;
    public const int MaxLines = 250;
    public const int MaxDescriptionLength = 500;
    public const int MaxHoldReasonLength = 500;
    public const int MaxLabels = 20;
    public const int MaxDaysUntilDue = 365;
}
