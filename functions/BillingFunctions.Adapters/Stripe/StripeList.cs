namespace BillingFunctions.Adapters.Stripe;

/// <summary>One page of a Stripe list (<c>{"object": "list", "data": [...], "has_more": ...}</c>).</summary>
public sealed record StripeList<T>
{
    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary>True when another page follows; ask for it with <c>StartingAfter</c> = the last item's id.</summary>
    public bool HasMore { get; init; }

    /// <summary>The list's URL path.</summary>
    public string? Url { get; init; }
}

/// <summary>Cursor paging shared by every list call.</summary>
public abstract record StripeListRequest
{
    /// <summary>Page size, 1 to 100 (Stripe's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>Return items after this id (next page).</summary>
    public string? StartingAfter { get; init; }

    /// <summary>Return items before this id (previous page).</summary>
    public string? EndingBefore { get; init; }

    private protected void WritePaging(StripeForm form) =>
        form.Add("limit", Limit).Add("starting_after", StartingAfter).Add("ending_before", EndingBefore);
}

/// <summary>A range filter on a timestamp (<c>created[gte]=...</c>).</summary>
public sealed record StripeTimeRange
{
    /// <summary>Strictly after.</summary>
    public DateTimeOffset? After { get; init; }

    /// <summary>At or after.</summary>
    public DateTimeOffset? AtOrAfter { get; init; }

    /// <summary>Strictly before.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>At or before.</summary>
    public DateTimeOffset? AtOrBefore { get; init; }

    internal static void Write(StripeForm form, StripeTimeRange range) =>
        form.Add("gt", range.After).Add("gte", range.AtOrAfter).Add("lt", range.Before).Add("lte", range.AtOrBefore);
}

/// <summary>A postal address, as Stripe's <c>address</c> object.</summary>
public sealed record StripeAddress
{
    /// <summary>Street line 1.</summary>
    public string? Line1 { get; init; }

    /// <summary>Street line 2.</summary>
    public string? Line2 { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>State, county or province.</summary>
    public string? State { get; init; }

    /// <summary>Two-letter ISO country code.</summary>
    public string? Country { get; init; }

    internal static void Write(StripeForm form, StripeAddress address) =>
        form.Add("line1", address.Line1).Add("line2", address.Line2).Add("city", address.City)
            .Add("postal_code", address.PostalCode).Add("state", address.State).Add("country", address.Country);
}
