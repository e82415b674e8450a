using BillingFunctions.App.Accounting;
using BillingFunctions.App.Analytics;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Imports;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tenancy.Secrets;
using BillingFunctions.App.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App;

/// <summary>The CRM-facing API under <c>/api/v1</c>: services, authentication, policies and route groups.</summary>
public static class BillingApi
{
    public const string OpenApiPath = "/api/v1/openapi.json";

    public const string OpenApiFunctionName = "GetOpenApiDocument";

    [Function(OpenApiFunctionName)]
    public static Task OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/openapi.json")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    public static IServiceCollection AddBillingApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => BillingTables.From(sp.GetRequiredService<StorageAccounts>()));
        services.AddTenantSecrets(configuration);
        services.AddSingleton<TenantDirectory>().AddSingleton<ApiKeyStore>().AddSingleton<UserDirectory>().AddSingleton<CallerResolver>()
            .AddSingleton<TenantStripe>();
        services.AddSingleton<CustomerStore>().AddSingleton<CustomerStripeSync>().AddSingleton<CustomerCommands>();
        services.AddSingleton<InvoiceStore>().AddSingleton<InvoiceCommandRunner>().AddSingleton<InvoiceQueries>()
            .AddSingleton<InvoiceStripeCommands>()
            .AddSingleton<SystemInvoices>();
        services.AddSingleton<StripeInvoiceEvents>().AddSingleton<OverdueSweep>().AddSingleton<ReadCopyRepair>().AddSingleton<AuditQueries>()
            .AddSingleton<DashboardQueries>().AddSingleton<IdempotencyKeyExpiry>();
        services.AddSingleton<CatalogStore>().AddSingleton<SubscriptionAccess>();
        services.AddSingleton<ReconciliationStore>().AddSingleton<ReconciliationRecorder>()
            .AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<ReconciliationRecorder>());
        services.AddSingleton<AnalyticsQueries>().AddSingleton<MrrMonthClose>().AddSingleton<JournalInvoices>();
        services.AddImports();
        services.AddExceptionHandler<ContinuationTokenProblems>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, PlatformKeyAuthenticationHandler>(PlatformKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(PlatformKeyAuthenticationHandler.PlatformOrTenantScheme, null,
                o => o.ForwardDefaultSelector = PlatformKeyAuthenticationHandler.SelectScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Platform, p => p.AddAuthenticationSchemes(PlatformKeyAuthenticationHandler.PlatformOrTenantScheme)
                .RequireRole("platform"))
            .AddPolicy(Policies.TenantUser, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Policies.TenantAdmin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole("Admin"))
            .AddPolicy(Policies.Finance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole("Finance", "Admin"));

        // Malformed JSON or parameters: answer 400 (below, with our problem type), also in Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Framework-made problems (unreadable JSON, unmatched route) get our stable types too.
            if (c.ProblemDetails.Type is null or { Length: 0 } || c.ProblemDetails.Type.StartsWith("https://tools.ietf.org",
                StringComparison.Ordinal))
                c.ProblemDetails.Type = Problems.TypeForStatus(c.ProblemDetails.Status);
            if (!string.IsNullOrEmpty(c.ProblemDetails.Detail)) return;
            var request = c.HttpContext.Request;
            c.ProblemDetails.Detail = c.ProblemDetails.Status switch
            {
                400 => "The request body or its parameters could not be read; check the JSON and the types of its values.",
                404 => $"There is no API route {request.Path}.",
                405 => $"{request.Path} does not answer {request.Method}; the Allow header lists the methods it answers.",
                415 => "Send the body as JSON with Content-Type: application/json.",
                _ => null,
            };
        });
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", OpenApiConventions.Configure);
        return services;
    }

    public static void MapBillingApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").AcceptIdempotencyKeys()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPlatform();
        v1.MapDirectory();
        v1.MapCustomers();
        v1.MapInvoices();
        v1.MapDashboards();
        v1.MapAudit();
        v1.MapDunning();
        v1.MapCatalog();
        v1.MapSubscriptions();
        v1.MapMonthEnd();
        v1.MapReminderSettings();
        v1.MapReconciliation();
        v1.MapAnalytics();
        v1.MapAccounting();
        v1.MapImports();
        app.MapOpenApi(OpenApiPath).WithName(OpenApiFunctionName);
    }
}
