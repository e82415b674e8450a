namespace StripeEmulator;

/// <summary>The public base URL, known only after Kestrel has bound its port; used for hosted pages.</summary>
internal sealed class EmulatorUrls
{
    public Uri Base { get; set; } = new("http://127.0.0.1/");

    public string Absolute(string path) => new Uri(Base, path.TrimStart('/')).ToString();
}
