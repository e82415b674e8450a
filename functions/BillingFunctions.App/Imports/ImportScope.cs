using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Imports;

/// <summary>
/// One run over one file for one tenant, by one finance user or admin: who the rows' owners and customers are, read
/// once each. Finance and admins see every record of the tenant, so any user of the directory may own what they import.
/// </summary>
public sealed class ImportScope(Tenant tenant, UserId importer, UserDirectory users, CustomerStore customers)
{
    /// <summary>Lookups kept per run; past this many they are forgotten and read again, so a huge file does not grow them.</summary>
    private const int MaxRemembered = 10_000;

    private readonly Dictionary<UserId, DirectoryUser?> _owners = [];
    private readonly Dictionary<CustomerId, CustomerSnapshot?> _customers = [];

    public Tenant Tenant => tenant;

    /// <summary>Who the audit rows name.</summary>
    public UserId Importer => importer;

    /// <summary>The owner a row names (the importer when it names none), or null when the directory has no such user.</summary>
    public async Task<DirectoryUser?> OwnerAsync(string? ownerId, CancellationToken cancellationToken)
    {
        var id = new UserId(ownerId ?? importer.Value);
        if (!UserDirectory.IsValidId(id.Value)) return null;
        if (_owners.TryGetValue(id, out var known)) return known;
        var found = await users.GetAsync(tenant.Id, id, cancellationToken);
        Remember(_owners, id, found);
        return found;
    }

    /// <summary>The customer an invoice row names, or null when the tenant has none of that id.</summary>
    public async Task<CustomerSnapshot?> CustomerAsync(CustomerId id, CancellationToken cancellationToken)
    {
        if (_customers.TryGetValue(id, out var known)) return known;
        var found = await customers.GetAsync(tenant.Id, id, cancellationToken) is var (customer, _) ? customer : null;
        Remember(_customers, id, found);
        return found;
    }

    private static void Remember<TKey, TValue>(Dictionary<TKey, TValue> lookups, TKey key, TValue value) where TKey : notnull
    {
        if (lookups.Count >= MaxRemembered) lookups.Clear();
        lookups[key] = value;
    }
}
