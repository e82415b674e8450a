using BillingFunctions.Adapters.Tests.StripeApi;
using FunctionsLocalHost.Discovery;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The local host must run the functions Azure will: its table (from the [Function] attributes) has to match the
/// functions.metadata the Worker SDK wrote for the app's build, which dotnet publish packages.
/// </summary>
public class FunctionsMetadataTests
{
    [Fact]
    public void The_local_hosts_function_table_is_the_published_functions_metadata()
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var metadata = FunctionsMetadata.Read(Path.Combine(RepoPaths.Root, "functions", "BillingFunctions.App", "bin", build, "net10.0",
            "functions.metadata"));
        var table = FunctionCatalog.Discover(typeof(BillingServices).Assembly).Select(f => f.TableEntry).ToList();

        Assert.Equal(FunctionsMetadata.Describe(metadata), FunctionsMetadata.Describe(table));
        Assert.Contains(table, f => f is { Name: "apply-stripe-event", TriggerType: "queueTrigger", Queue: "stripe-events",
            Connection: "BILLING_STORAGE" });
        Assert.Contains(table, f => f is { Name: "find-due-renewals", TriggerType: "timerTrigger", Schedule: "30 */5 * * * *" });
        Assert.Contains(table, f => f is { Name: "GetInvoice", TriggerType: "httpTrigger", Route: "v1/invoices/{invoiceId}" });
    }
}
