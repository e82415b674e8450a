using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.MonthEnd;

/// <summary>A customer on month-end billing whose period has no invoiced entry, and the entry if there is one.</summary>
public sealed record UnbilledCustomer(CustomerId Customer, string Name, UserId Rep, TeamId? Team, BillingEntryStatus? EntryStatus);

public sealed record RepBacklog(UserId Rep, TeamId? Team, IReadOnlyList<UnbilledCustomer> NotBilled);

/// <summary>A team's unbilled customers; reps without a team are grouped under a null team.</summary>
public sealed record TeamBacklog(TeamId? Team, IReadOnlyList<UnbilledCustomer> NotBilled);

public sealed record OverdueEntry(BillingEntryId Entry, CustomerId Customer, UserId Rep, TeamId? Team, BillingPeriod Period,
    BillingEntryStatus Status, DateTimeOffset DeadlineAt);

/// <summary>
/// Who has not been billed for a period, per rep and per team, and which entries of any period are past their
/// deadline. A customer on month-end billing without any entry for the period counts as not billed: a missing
/// entry is exactly what the report exists to catch.
/// </summary>
public sealed record MonthEndReport(
    BillingPeriod Period, IReadOnlyList<RepBacklog> PerRep, IReadOnlyList<TeamBacklog> PerTeam, IReadOnlyList<OverdueEntry> Overdue)
{
    public static MonthEndReport For(
        BillingPeriod period, IEnumerable<CustomerSnapshot> monthEndCustomers, IEnumerable<BillingEntrySnapshot> entries, DateTimeOffset now)
    {
        // Ids are one per customer and period, so repeated rows (e.g. from overlapping pages) are the same entry.
        var all = entries.DistinctBy(e => e.Id).ToList();
        var thisPeriod = all.Where(e => e.Period == period).ToDictionary(e => e.Customer);

        var unbilled = new List<UnbilledCustomer>();
        foreach (var customer in monthEndCustomers.DistinctBy(c => c.Id))
        {
            thisPeriod.TryGetValue(customer.Id, out var entry);
            if (entry?.Status == BillingEntryStatus.Invoiced) continue;
            // The entry's owner is who was asked to bill it; a reassignment after it opened does not hide it.
            unbilled.Add(entry is null
                ? new UnbilledCustomer(customer.Id, customer.Name, customer.Owner, customer.OwnerTeam, null)
                : new UnbilledCustomer(customer.Id, customer.Name, entry.Owner, entry.OwnerTeam, entry.Status));
        }
        unbilled.Sort((a, b) => string.CompareOrdinal(a.Customer.Value, b.Customer.Value));

        var perRep = unbilled.GroupBy(u => (u.Rep, u.Team))
            .Select(g => new RepBacklog(g.Key.Rep, g.Key.Team, [.. g]))
            .OrderBy(r => r.Rep.Value, StringComparer.Ordinal).ToList();
        var perTeam = unbilled.GroupBy(u => u.Team)
            .Select(g => new TeamBacklog(g.Key, [.. g]))
            .OrderBy(t => t.Team?.Value, StringComparer.Ordinal).ToList();
        var overdue = all.Select(BillingEntry.Restore).Where(e => e.IsOverdue(now))
            .Select(e => new OverdueEntry(e.Id, e.Customer, e.Owner, e.OwnerTeam, e.Period, e.Status, e.DeadlineAt))
            .OrderBy(o => o.DeadlineAt).ThenBy(o => o.Entry.Value, StringComparer.Ordinal).ToList();

        return new MonthEndReport(period, perRep, perTeam, overdue);
    }
}
