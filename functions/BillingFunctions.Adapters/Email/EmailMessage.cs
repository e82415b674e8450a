namespace BillingFunctions.Adapters.Email;

/// <summary>A mailbox: an ASCII address and an optional display name (any Unicode).</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>
/// One email with a plain-text and an HTML body (sent as multipart/alternative).
/// <paramref name="MessageId"/> is the Message-ID without angle brackets; derive it from the idempotency key so a
/// repeat is recognisable downstream.
/// </summary>
public sealed record EmailMessage(EmailAddress From, EmailAddress To, string Subject, string PlainText, string Html, string MessageId);
