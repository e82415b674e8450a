using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BillingFunctions.App.Tests.Api.Contract;

/// <summary>
/// <see cref="ApiHost"/> on a real port (Prism forwards over TCP) with every client it hands out going through
/// Prism's validating proxy built from the checked-in docs/openapi.json.
/// </summary>
public sealed class ContractHost : ApiHost
{
    private PrismProxy? _prism;

    /// <summary>Every exchange Prism found outside the document; a test also fails at the request itself.</summary>
    public List<string> Violations { get; } = [];

    public Uri AppUrl { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // Kestrel on "localhost" listens on both loopbacks; Prism is told the IPv4 one so it never tries ::1 first.
        AppUrl = new UriBuilder(addresses.First()) { Host = "127.0.0.1" }.Uri;
        _prism = await PrismProxy.StartAsync(PrismProxy.CheckedInDocument, AppUrl);
    }

    protected override void BeforeStart(WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
    }

    protected override HttpClient NewClient() =>
        new(new ContractViolations(Violations)) { BaseAddress = _prism?.Url ?? throw new InvalidOperationException("Prism has not started.") };

    public string PrismLog => _prism?.Log ?? "";

    public override async Task DisposeAsync()
    {
        if (_prism is not null) await _prism.DisposeAsync();
        await base.DisposeAsync();
    }
}
