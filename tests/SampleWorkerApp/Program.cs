using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SampleWorkerApp;

// In Azure (or under Core Tools) the worker runs behind the Functions host; in tests the local host calls
// AddSampleApp itself, so both run the same services and middleware.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddSampleApp();
builder.Build().Run();
