namespace BillingFunctions.Domain.Dunning;

/// <summary>What can happen to a dunning process: a charge outcome, a timer, or news about the invoice or card.</summary>
public abstract record DunningEvent;

/// <summary>A charge of the invoice failed (the first one starts the process).</summary>
public sealed record PaymentFailed(string? DeclineCode) : DunningEvent;

/// <summary>The process's wake-up came due (or a sweep re-delivered it).</summary>
public sealed record Wake : DunningEvent;

public sealed record InvoicePaid : DunningEvent;

public sealed record InvoiceVoided : DunningEvent;

/// <summary>Someone put the invoice on hold; chasing stops.</summary>
public sealed record InvoiceHeld : DunningEvent;

/// <summary>The customer attached a new default card.</summary>
public sealed record CardUpdated : DunningEvent;
