namespace BillingFunctions.Domain.MonthEnd;

public enum BillingEntryStatus { Open, Submitted, ReturnedForChanges, Approved, Invoiced }
