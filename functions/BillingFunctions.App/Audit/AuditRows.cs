using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Audit;

/// <summary>Who did what to which record, when. <see cref="Actor"/> is a user id, or "stripe" / "system".</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Detail, InvoiceId? Invoice, CustomerId? Customer);

/// <summary>
/// Each audit entry is written three times in the same transaction as the change: under <c>aud|</c> for the tenant,
/// <c>aud-inv|{invoice}|</c> and <c>aud-cus|{customer}|</c>. Row keys start with inverted ticks, so a range query
/// reads newest first.
/// </summary>
internal static class AuditRows
{
    public const string Tenant = "aud|";
    public static string ForInvoice(InvoiceId id) => $"aud-inv|{id.Value}|";
    public static string ForCustomer(CustomerId id) => $"aud-cus|{id.Value}|";

    public static IEnumerable<TableTransactionAction> Plan(TenantId tenant, AuditEntry entry)
    {
        var suffix = (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
            + "|" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var prefixes = new List<string> { Tenant };
        if (entry.Invoice is { } invoice) prefixes.Add(ForInvoice(invoice));
        if (entry.Customer is { } customer) prefixes.Add(ForCustomer(customer));
        return prefixes.Select(prefix => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(tenant.Value, prefix + suffix)
        {
            ["At"] = entry.At, ["Actor"] = entry.Actor, ["Action"] = entry.Action, ["Detail"] = entry.Detail,
            ["InvoiceId"] = entry.Invoice?.Value, ["CustomerId"] = entry.Customer?.Value,
        }));
    }

    public static AuditEntry Read(TableEntity row) => new(
        row.GetDateTimeOffset("At")!.Value, row.GetString("Actor")!, row.GetString("Action")!, row.GetString("Detail") ?? "",
        row.GetString("InvoiceId") is { } invoice ? new InvoiceId(invoice) : null,
        row.GetString("CustomerId") is { } customer ? new CustomerId(customer) : null);
}
