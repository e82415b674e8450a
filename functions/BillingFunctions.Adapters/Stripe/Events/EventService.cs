namespace BillingFunctions.Adapters.Stripe;

/// <summary>Events: <c>/v1/events</c>, to catch up on webhooks that were missed.</summary>
public class EventService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected EventService()
    {
    }

    internal EventService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Reads an event (events are kept for 30 days).</summary>
    /// <param name="eventId"><c>evt_...</c></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeEvent> RetrieveAsync(string eventId, CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeEvent>($"/v1/events/{StripeRequestSender.Segment(eventId)}", null, cancellationToken);

    /// <summary>Lists events, newest first.</summary>
    /// <param name="request">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeList<StripeEvent>> ListAsync(EventListRequest request, CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeList<StripeEvent>>("/v1/events", request.ToQuery(), cancellationToken);
}

/// <summary>Filters and paging of <c>GET /v1/events</c>.</summary>
public sealed record EventListRequest : StripeListRequest
{
    /// <summary>One event type, or a prefix with a wildcard (<c>invoice.*</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Up to 20 event types; use either this or <see cref="Type"/>.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Only events created in this range.</summary>
    public StripeTimeRange? Created { get; init; }

    /// <summary>Only events whose deliveries all succeeded (true) or that still have a failing delivery (false).</summary>
    public bool? DeliverySuccess { get; init; }

    internal StripeForm ToQuery()
    {
        var form = new StripeForm().Add("type", Type).AddValues("types", Types)
            .AddObject("created", Created, StripeTimeRange.Write).Add("delivery_success", DeliverySuccess);
        WritePaging(form);
        return form;
    }
}
