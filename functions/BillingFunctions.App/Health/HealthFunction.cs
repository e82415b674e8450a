using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Health;

public static class HealthFunction
{
    public static readonly HttpFunction Declaration = new("health", "health", ["GET"], Handle);

    private static IResult Handle() => Results.Ok(new { status = "ok" });
}
