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
        AppUrl = Host.HttpAddress;
        _prism = await PrismProxy.StartAsync(PrismProxy.CheckedInDocument, AppUrl);
    }

    public override HttpClient NewClient() =>
        new(new ContractViolations(Violations)) { BaseAddress = _prism?.Url ?? throw new InvalidOperationException("Prism has not started.") };

    public string PrismLog => _prism?.Log ?? "";

    public override async Task DisposeAsync()
    {
        if (_prism is not null) await _prism.DisposeAsync();
        await base.DisposeAsync();
    }
}
