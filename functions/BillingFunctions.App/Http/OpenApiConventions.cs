using System.Text.RegularExpressions;
using BillingFunctions.App.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingFunctions.App.Http;

/// <summary>
/// Fills in what the endpoints imply but ASP.NET Core does not write on its own: how callers authenticate,
/// a summary per operation, the tags' meaning and a server, so the document lints clean with @redocly/cli.
/// </summary>
internal static partial class OpenApiConventions
{
    private const string TenantKey = "tenantApiKey";
    private const string ActingUser = "actingUser";
    private const string PlatformKey = "platformKey";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Platform"] = "Provisioning tenants; for the platform operator.",
        ["Directory"] = "The tenant's users (role and team) and API keys; managed by tenant admins.",
        ["Customers"] = "The tenant's clients, each owned by a rep; kept in sync with Stripe customers.",
        ["Invoices"] = "Draft, finalize, send, charge, void and track invoices; lists filter by status, labels, customer, owner and quarter.",
        ["Dashboards"] = "Quarter figures from summary rows: per rep, per team, per tenant and per label.",
        ["Audit"] = "Who changed what, when: per customer, and for the whole tenant.",
        ["Imports"] = "Customers and invoices from CSV files (docs/CSV.md): checked whole, then run as queued work whose progress is polled; " +
            "finance and admins.",
        ["Month-end"] = "Month-end billing with approval: a rep enters each month's amount, a manager approves, the card is charged; and who has " +
            "not been billed yet.",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Billing Functions CRM API", Version = "v1",
                Description = "Customers, invoices, dashboards and audit for a CRM. Errors are RFC 9457 problem details with a stable `type`; " +
                    "POSTs accept an `Idempotency-Key`.",
            };
            document.Servers = [new OpenApiServer { Url = "/", Description = "The app itself" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [TenantKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The tenant's API key." },
                [ActingUser] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header,
                    Name = CallerResolver.ActingUserHeader,
                    Description = "The id of the tenant user the CRM acts for; role and team come from the tenant's directory." },
                [PlatformKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header,
                    Name = PlatformKeyAuthenticationHandler.Header,
                    Description = "The platform operator's key." },
            };
            document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
            if (document.Components.Schemas?.TryGetValue("ProblemDetails", out var schema) == true && schema is OpenApiSchema problem)
                problem.Description = "An RFC 9457 problem. `type` is one of:\n\n"
                    + string.Join("\n", Problems.Types.Select(t => $"- `{Problems.TypeBase}{t.Key}`: {t.Value}"));
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (string.IsNullOrEmpty(operation.Summary) && operation.OperationId is { } id) operation.Summary = Humanize(id);
            var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            var requirement = new OpenApiSecurityRequirement();
            if (policies.Contains(Policies.Platform))
                requirement[new OpenApiSecuritySchemeReference(PlatformKey, context.Document)] = [];
            else if (policies.Count > 0)
            {
                requirement[new OpenApiSecuritySchemeReference(TenantKey, context.Document)] = [];
                requirement[new OpenApiSecuritySchemeReference(ActingUser, context.Document)] = [];
            }
            if (requirement.Count > 0) operation.Security = [requirement];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer<RequestSchemaRequired>();
        options.AddOperationTransformer<DocumentedStatusCodes>();
        options.AddSchemaTransformer<DocumentedLimits>();
        options.AddOperationTransformer<DocumentedLimits>();
        options.AddDocumentTransformer<ClosedResponseSchemas>();
    }

    /// <summary>"MarkInvoiceUncollectible" reads "Mark invoice uncollectible".</summary>
    private static string Humanize(string operationId)
    {
        var words = WordStart().Split(operationId).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToArray();
        return words.Length == 0 ? operationId : char.ToUpperInvariant(words[0][0]) + string.Join(' ', words)[1..];
    }

    [GeneratedRegex("(?=[A-Z])")]
    private static partial Regex WordStart();
}
