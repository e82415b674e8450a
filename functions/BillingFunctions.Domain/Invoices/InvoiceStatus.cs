namespace BillingFunctions.Domain.Invoices;

/// <summary>Stripe's invoice lifecycle. "On hold" and "overdue" are views over it, not states.</summary>
public enum InvoiceStatus { Draft, Open, Paid, Void, Uncollectible }

public enum CollectionMethod { ChargeAutomatically, SendInvoice }

internal static class InvoiceStatusOrder
{
    /// <summary>
    /// How far along Stripe's lifecycle a status is. Stripe only moves forward
    /// (draft → open → uncollectible → paid/void), so a late event carrying a lower rank is stale.
    /// </summary>
    public static int Rank(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => 0,
        InvoiceStatus.Open => 1,
        InvoiceStatus.Uncollectible => 2,
        _ => 3,
    };
}
