using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Accounting;

/// <summary>The route of <see cref="JournalApi"/> as an HTTP function; it runs the endpoint of its name.</summary>
public static class JournalApiFunctions
{
    [Function("ExportJournal")]
    public static Task ExportJournal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounting/journal.csv")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
