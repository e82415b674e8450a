namespace BillingFunctions.Domain.Tenancy;

/// <summary>What a tenant user may see: reps their own clients, managers their team's, finance and admins everything.</summary>
public enum Role { Rep, Manager, Finance, Admin }
