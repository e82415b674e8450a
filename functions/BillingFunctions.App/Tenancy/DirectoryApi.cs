using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>What a tenant's admins manage: the user directory and the API keys. Plus "who am I" for everyone.</summary>
public static class DirectoryApi
{
    public static void MapDirectory(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", (Caller caller) =>
        {
            var actor = caller.Actor;
            return TypedResults.Ok(new MeResponse(actor.Tenant.Value, actor.User.Value, Wire(actor.Role), actor.Team?.Value));
        }).RequireAuthorization(Policies.TenantUser).WithTags("Directory").WithName("GetMe").Produces<MeResponse>();

        var admin = api.MapGroup("").RequireAuthorization(Policies.TenantAdmin).WithTags("Directory");
        admin.MapGet("/users", ListUsersAsync).WithName("ListUsers").Produces<List<UserResponse>>();
        admin.MapPut("/users/{userId}", PutUserAsync).WithName("PutUser").Produces<UserResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/users/{userId}", RemoveUserAsync).WithName("RemoveUser").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/api-keys", ListKeysAsync).WithName("ListApiKeys").Produces<List<ApiKeyResponse>>();
        admin.MapPost("/api-keys", IssueKeyAsync).WithName("IssueApiKey").Produces<ApiKeyCreated>(StatusCodes.Status201Created);
        admin.MapDelete("/api-keys/{keyId}", RevokeKeyAsync).WithName("RevokeApiKey").Produces(StatusCodes.Status204NoContent);
    }

    public static string Wire(Role role) => role.ToString().ToLowerInvariant();

    private static async Task<IResult> ListUsersAsync(Caller caller, UserDirectory users, CancellationToken cancellationToken)
    {
        var list = await users.ListAsync(caller.Actor.Tenant, cancellationToken);
        return TypedResults.Ok(list.Select(u => new UserResponse(u.Id.Value, Wire(u.Role), u.Team?.Value, u.Name, u.Email)).ToList());
    }

    private static async Task<IResult> PutUserAsync([MaxLength(UserDirectory.MaxIdLength)] string userId, PutUserRequest request, Caller caller,
        UserDirectory users, CancellationToken cancellationToken)
    {
        if (!UserDirectory.IsValidId(userId))
            return Problems.Invalid($"A user id holds 1 to {UserDirectory.MaxIdLength} letters, digits, '-', '_', '.' or '@'.");
        if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(request.Role, out _))
            return Problems.Invalid("Role is one of rep, manager, finance, admin.");
        if (request.TeamId is { } team && !UserDirectory.IsValidId(team))
            return Problems.Invalid($"A team id holds 1 to {UserDirectory.MaxIdLength} letters, digits, '-', '_', '.' or '@'.");
        if (role is Role.Rep or Role.Manager && request.TeamId is null) return Problems.Invalid("Reps and managers belong to a team (teamId).");
        if (!UserDirectory.IsValidName(request.Name)) return Problems.Invalid(UserDirectory.NameRule);
        if (request.Email is { } email && !IsEmail(email))
            return Problems.Invalid($"email is an address like ada@example.com (at most {UserDirectory.MaxEmailLength} characters).");
        var entry = new DirectoryUser(new UserId(userId), role, request.TeamId is { } t ? new TeamId(t) : null, request.Name, request.Email);
        return await users.PutAsync(caller.Actor.Tenant, entry, cancellationToken) switch
        {
            DirectoryWrite.Written => TypedResults.Ok(new UserResponse(userId, Wire(role), request.TeamId, request.Name, request.Email)),
            var refused => Refused(refused, userId),
        };
    }

    private static IResult Refused(DirectoryWrite write, string userId) => write switch
    {
        DirectoryWrite.NotFound => Problems.NotFound($"user {userId}"),
        DirectoryWrite.LastAdmin => Problems.LastAdmin($"{userId} is the tenant's last admin; make another user admin first."),
        _ => Problems.Conflict("The user directory kept changing; try again."),
    };

    /// <summary>An ASCII address with one '@' and no spaces: what SMTP takes as is.</summary>
    private static bool IsEmail(string email) =>
        email.Length <= UserDirectory.MaxEmailLength && email.Count(c => c == '@') == 1
            && email.IndexOf('@') is > 0 and var at && at < email.Length - 1
        && email.All(c => c is > ' ' and < (char)127);

    private static async Task<IResult> RemoveUserAsync(string userId, Caller caller, UserDirectory users, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        if (userId == actor.User.Value) return Problems.Conflict("Admins cannot remove themselves; another admin can.");
        if (!UserDirectory.IsValidId(userId)) return Problems.NotFound($"user {userId}");
        var removed = await users.RemoveAsync(actor.Tenant, new UserId(userId), cancellationToken);
        return removed == DirectoryWrite.Written ? TypedResults.NoContent() : Refused(removed, userId);
    }

    private static async Task<IResult> ListKeysAsync(Caller caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(caller.Actor.Tenant, cancellationToken);
        return TypedResults.Ok(list.Select(k => new ApiKeyResponse(k.KeyId, k.CreatedAt, k.CreatedBy, k.RevokedAt)).ToList());
    }

    private static async Task<IResult> IssueKeyAsync(Caller caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        var key = await keys.IssueAsync(actor.Tenant, actor.User, cancellationToken);
        return TypedResults.Created($"/api/v1/api-keys/{key.KeyId}", new ApiKeyCreated(key.KeyId, key.Secret));
    }

    private static async Task<IResult> RevokeKeyAsync(string keyId, Caller caller, ApiKeyStore keys, CancellationToken cancellationToken) =>
        Ids.IsValid(keyId) && await keys.RevokeAsync(caller.Actor.Tenant, keyId, cancellationToken) ? TypedResults.NoContent()
            : Problems.NotFound($"API key {keyId}");
}
