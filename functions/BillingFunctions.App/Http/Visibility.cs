using Azure.Data.Tables;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Http;

/// <summary><see cref="Actor.CanSee"/> as a table filter over rows that carry Owner and OwnerTeam.</summary>
public static class Visibility
{
    public static string Filter(Actor actor) => actor.Role switch
    {
        Role.Finance or Role.Admin => "",
        Role.Manager when actor.Team is { } team =>
            TableClient.CreateQueryFilter($" and (Owner eq {actor.User.Value} or OwnerTeam eq {team.Value})"),
        _ => TableClient.CreateQueryFilter($" and Owner eq {actor.User.Value}"),
    };
}
