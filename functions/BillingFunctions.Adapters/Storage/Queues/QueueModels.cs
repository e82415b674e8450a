namespace BillingFunctions.Adapters.Storage;

/// <summary>A received message; it stays invisible to others until its visibility timeout ends.</summary>
/// <param name="MessageId">The service's id for the message.</param>
/// <param name="PopReceipt">Proof of this receipt, needed to delete or update the message.</param>
/// <param name="MessageText">The text as sent (decoded from base64).</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
/// <param name="InsertedOn">When it was sent.</param>
/// <param name="ExpiresOn">When the service drops it unread.</param>
/// <param name="NextVisibleOn">When others can receive it again unless it is deleted.</param>
public sealed record QueueMessage(string MessageId, string PopReceipt, string MessageText, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn, DateTimeOffset? NextVisibleOn);

/// <summary>A message seen without receiving it; it cannot be deleted or updated.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn);

/// <summary>The service's answer to a sent message.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>The service's answer to an updated message: use the new pop receipt from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
