using System.Text.Json.Nodes;

namespace StripeEmulator.State;

/// <summary>
/// An object with includable fields: Stripe leaves them out of the object unless a request expands them
/// (<c>expand[]=payments</c> on an invoice).
/// </summary>
internal interface IIncludes
{
    /// <summary>The field's value, or null when the object has no includable field of that name.</summary>
    JsonNode? Include(string field);
}
