using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Domain.Dunning;

/// <summary>Effects keyed "{instance}:{step}:{kind}" so each step's effects are unique and repeatable.</summary>
internal static class Keys
{
    public static string For(DunningState state, string kind) => $"{state.InstanceId}:{state.Step}:{kind}";

    public static RetryCharge Charge(DunningState state) => new(For(state, "charge"));

    public static SendEmail Email(DunningState state, EmailKind kind) => new(kind, For(state, "email-" + Kebab(kind.ToString())));

    public static NotifyRep Rep(DunningState state, RepNotice notice) => new(notice, For(state, "rep"));

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
