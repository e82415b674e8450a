using BillingFunctions.App;
using Microsoft.Azure.Functions.Worker.Builder;

// In Azure (or under Core Tools) the worker runs behind the Functions host. Locally and in the tests, the local function
// host (tools/FunctionsLocalHost) calls AddBillingFunctions itself, so both run the same services.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddBillingFunctions(builder.Configuration);
builder.Build().Run();
