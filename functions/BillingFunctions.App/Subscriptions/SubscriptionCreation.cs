using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.App.Subscriptions;

/// <summary>POST /api/v1/subscriptions: validates everything first, so bad input writes nothing.</summary>
internal static class SubscriptionCreation
{
    /// <summary>How far back a start may be dated: enough for a sale closed yesterday, not enough to bill months back.</summary>
    private static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(1);

    public static async Task<IResult> CreateAsync(CreateSubscriptionRequest request, Caller caller,
        CustomerStore customers, CustomerCommands customerCommands, CatalogStore catalog, SubscriptionStore store, TimeProvider time,
        ILogger<SubscriptionStore> logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.CustomerId is null) return Problems.Invalid("customerId is required.");
        if (await customers.GetAsync(caller.Tenant.Id, new CustomerId(request.CustomerId), cancellationToken) is not var (customer, _)
            || !caller.Actor.CanSee(customer.Owner, customer.OwnerTeam))
            return Problems.NotFound($"customer {request.CustomerId}");
        if (request.PlanId is null || await catalog.GetPlanAsync(caller.Tenant.Id, new PlanId(request.PlanId),
            cancellationToken) is not var (plan, _))
            return Problems.Invalid($"There is no plan '{request.PlanId}' in the catalog.");
        if (plan.Currency != customer.Currency)
            return Problems.CurrencyMismatch(
                $"Customer {customer.Id} is billed in {customer.Currency}; plan {plan.Id} is priced in {plan.Currency}.");
        var addOns = new List<AddOnItem>();
        foreach (var item in request.AddOns ?? [])
        {
            if (item?.AddOnId is null || await catalog.GetAddOnAsync(caller.Tenant.Id, new AddOnId(item.AddOnId), cancellationToken) is not { } addOn)
                return Problems.Invalid($"There is no add-on '{item?.AddOnId}' in the catalog.");
            addOns.Add(new AddOnItem(addOn, item.Quantity ?? 1));
        }
        var collection = request.CollectionMethod switch
        {
            null or "charge_automatically" => CollectionMethod.ChargeAutomatically,
            "send_invoice" => CollectionMethod.SendInvoice,
            _ => (CollectionMethod?)null,
        };
        if (collection is null) return Problems.Invalid("collectionMethod is charge_automatically or send_invoice.");
        if (request.DaysUntilDue is < 1 or > 365) return Problems.Invalid("daysUntilDue is between 1 and 365.");
        if (request.Start is { } at && !BusinessDates.Contains(at) || request.TrialEnd is { } end && !BusinessDates.Contains(end))
            return Problems.Invalid($"start and trialEnd are {BusinessDates.Range}.");
        var start = request.Start ?? now;
        if (start < now - MaxBackdating) return Problems.Invalid("A subscription starts at most a day in the past.");

        var created = Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId(Ids.New("sub")), Tenant = caller.Tenant.Id, Customer = customer.Id, Plan = plan, Quantity = request.Quantity ?? 1,
            AddOns = addOns, Start = start, AnchorDay = request.AnchorDay, TrialEnd = request.TrialEnd, Collection = collection.Value,
            DaysUntilDue = request.DaysUntilDue,
        });
        if (!created.IsSuccess) return Problems.From(created.Error!);
        var snapshot = created.Value.ToSnapshot();
        var audit = new AuditEntry(now, caller.Actor.User.Value, "subscription.created",
            $"{snapshot.Id}: {snapshot.Timeline[^1].Detail}", null, customer.Id);
        if (!await store.TrySaveAsync(caller.Tenant.Id, null, snapshot, null, [audit], [], cancellationToken))
            throw new InvalidOperationException($"Subscription id {snapshot.Id} was taken.");

        try
        {
            await customerCommands.EnsureInStripeAsync(caller, customer, cancellationToken);
        }
        catch (Stripe.StripeException e)
        {
            // The renewal makes the Stripe customer if it is still missing then; the subscription stands.
            logger.LogWarning(e, "Could not create the Stripe customer for {CustomerId} of tenant {TenantId}", customer.Id, caller.Tenant.Id);
        }
        return TypedResults.Created($"/api/v1/subscriptions/{snapshot.Id}", SubscriptionResponse.From(snapshot));
    }
}
