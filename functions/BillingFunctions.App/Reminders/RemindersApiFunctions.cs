using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Reminders;

/// <summary>The routes of <see cref="RemindersApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class RemindersApiFunctions
{
    [Function("GetReminderSettings")]
    public static Task GetReminderSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/settings/reminders")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("PutReminderSettings")]
    public static Task PutReminderSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/settings/reminders")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
