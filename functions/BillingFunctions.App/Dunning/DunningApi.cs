using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Dunning;

/// <summary>The CRM's view of dunning: the tenant's policy (finance and admins) and where an invoice's dunning stands.</summary>
public static class DunningApi
{
    public const int MaxRetries = 10;
    public const int MaxDelayDays = 30;
    public const int MaxWindowDays = 60;

    public static void MapDunning(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/settings/dunning").RequireAuthorization(Policies.Finance).WithTags("Dunning");
        settings.MapGet("", GetSettingsAsync).WithName("GetDunningSettings").Produces<DunningSettingsResponse>();
        settings.MapPut("", PutSettingsAsync).WithName("PutDunningSettings").Produces<DunningSettingsResponse>();
        api.MapGet("/invoices/{invoiceId}/dunning", GetInvoiceDunningAsync).RequireAuthorization(Policies.TenantUser).WithTags("Dunning")
            .WithName("GetInvoiceDunning").Produces<InvoiceDunningResponse>();
    }

    private static async Task<IResult> GetSettingsAsync(Caller caller, DunningSettingsStore store, CancellationToken cancellationToken)
    {
        var (policy, at, by) = await store.GetAsync(caller.Actor.Tenant, cancellationToken);
        return TypedResults.Ok(DunningSettingsResponse.From(policy, at, by));
    }

    private static async Task<IResult> PutSettingsAsync(DunningSettingsRequest request, Caller caller, DunningSettingsStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } problem) return Problems.Invalid(problem);
        var policy = new DunningPolicy([.. request.RetryDelayDays!.Select(d => TimeSpan.FromDays(d))],
            Enum.Parse<SubscriptionOnExhaustion>(request.Subscription!, ignoreCase: true), request.MarkUncollectible ?? true);
        var actor = caller.Actor;
        var now = time.GetUtcNow();
        await store.PutAsync(actor.Tenant, policy, actor.User, now, cancellationToken);
        return TypedResults.Ok(DunningSettingsResponse.From(policy, now, actor.User.Value));
    }

    /// <summary>What is wrong with the request, or null. Limits follow card-network guidance: few retries, within two months.</summary>
    internal static string? Validate(DunningSettingsRequest request)
    {
        if (request.RetryDelayDays is not { } days) return "retryDelayDays is required: days from each attempt to the next retry, e.g. [1, 2, 4, 7].";
        if (days.Count > MaxRetries) return $"At most {MaxRetries} retries: card networks penalise more.";
        if (days.Any(d => d is < 1 or > MaxDelayDays)) return $"Each retry delay is 1 to {MaxDelayDays} days.";
        if (days.Sum() > MaxWindowDays) return $"The retries add up to {days.Sum()} days; at most {MaxWindowDays}.";
        if (request.Subscription is not ("pause" or "cancel" or "leave"))
            return "subscription is pause, cancel or leave (what happens to it once every retry failed).";
        return null;
    }

    private static async Task<IResult> GetInvoiceDunningAsync(string invoiceId, Caller caller, InvoiceStore invoices, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await invoices.GetAsync(caller.Tenant, new InvoiceId(invoiceId), cancellationToken) is not var (invoice, _)
            || !caller.Actor.CanSee(invoice.Owner, invoice.OwnerTeam))
            return Problems.NotFound($"invoice {invoiceId}");
        if (invoice.StripeInvoiceId is not { } stripeId
            || await ProcessInstances.ReadStateAsync(DurableClients.Of(http), DunningKind.Instance, caller.Tenant.Id.Value,
                DunningState.InstanceIdFor(stripeId), cancellationToken) is not { } state)
            return Problems.NotFound($"dunning for invoice {invoiceId} (no payment of it has failed)");
        return TypedResults.Ok(InvoiceDunningResponse.From(invoiceId, stripeId, state));
    }
}
