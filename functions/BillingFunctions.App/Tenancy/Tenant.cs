using System.Text;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// A tenant's settings, with its Stripe credentials in clear: <see cref="TenantDirectory"/> keeps only references to
/// them in the row (see <see cref="Secrets.TenantSecretStore"/>) and resolves them when it reads.
/// </summary>
public sealed record Tenant(
    TenantId Id,
    string Name,
    Currency Currency,
    string TimeZone,
    string? StripeSecretKey,
    string? StripeAccount,
    string? WebhookSecret,
    DateTimeOffset CreatedAt)
{
    public const int MaxNameLength = Domain.Customers.Customer.MaxNameLength;

    /// <summary>Room for every IANA zone id (the longest has 32 characters), and a bound before the lookup.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>The webhook secret that <see cref="WebhookSecret"/> replaced, still valid until its grace ends.</summary>
    public RetiringWebhookSecret? RetiringWebhookSecret { get; init; }

    public TenantCalendar Calendar => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone));

    /// <summary>The webhook signing secrets a delivery may be signed with at <paramref name="now"/>, newest first.</summary>
    public IReadOnlyList<string> WebhookSecretsAt(DateTimeOffset now) =>
    [
        .. WebhookSecret is { Length: > 0 } current ? [current] : Array.Empty<string>(),
        .. RetiringWebhookSecret is { } retiring && now < retiring.ValidUntil ? [retiring.Secret] : Array.Empty<string>(),
    ];

    // Records print every property; a logged tenant must not print its credentials.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Name = {Name}, Currency = {Currency}, TimeZone = {TimeZone}, StripeAccount = {StripeAccount}, CreatedAt = " +
            $"{CreatedAt}");
        return true;
    }
}

public sealed record RetiringWebhookSecret(string Secret, DateTimeOffset ValidUntil);
