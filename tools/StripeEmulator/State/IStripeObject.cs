using System.Text.Json.Nodes;

namespace StripeEmulator.State;

/// <summary>An object the API returns; renders itself in the shape of <see cref="Http.ApiVersion.Current"/>.</summary>
internal interface IStripeObject
{
    string Id { get; }

    long Created { get; }

    JsonObject ToJson();
}
