namespace BillingFunctions.Domain.Notifications;

/// <summary>The emails a customer can get; each has a plain-text and an HTML template.</summary>
public enum EmailKind
{
    InvoiceSent,
    PaymentFailed,
    RetryScheduled,
    CardUpdateNeeded,
    PaymentReceived,
    FinalNotice,
    OverdueReminder,
}
