using System.Text.Json.Nodes;

namespace StripeEmulator.State;

/// <summary>An object the API returns; renders itself in the 2023-08-16 shape.</summary>
internal interface IStripeObject
{
    string Id { get; }

    long Created { get; }

    JsonObject ToJson();
}
