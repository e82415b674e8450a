using System.Text.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Dunning;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>Process state stored before the policy could keep invoices open must still read as it was meant.</summary>
public class DunningStateJsonTests
{
    [Fact]
    public void A_state_stored_before_mark_uncollectible_existed_reads_as_marking_uncollectible()
    {
        var state = DunningState.New("in_old", new DunningPolicy([TimeSpan.FromDays(3)], SubscriptionOnExhaustion.Cancel, markUncollectible: false));
        var json = JsonNode.Parse(JsonSerializer.Serialize(state, DunningKind.Instance.Json))!;
        json["Policy"]!.AsObject().Remove("MarkUncollectible");

        var back = JsonSerializer.Deserialize<DunningState>(json.ToJsonString(), DunningKind.Instance.Json)!;

        Assert.True(back.Policy.MarkUncollectible);
        Assert.Equal(SubscriptionOnExhaustion.Cancel, back.Policy.OnExhaustion);
        Assert.Equal([TimeSpan.FromDays(3)], back.Policy.RetryDelays);
    }

    [Fact]
    public void A_policy_that_keeps_invoices_open_survives_the_stored_json()
    {
        var state = DunningState.New("in_new", new DunningPolicy([TimeSpan.FromDays(1)], SubscriptionOnExhaustion.Leave, markUncollectible: false));

        var back = JsonSerializer.Deserialize<DunningState>(JsonSerializer.Serialize(state, DunningKind.Instance.Json),
            DunningKind.Instance.Json)!;

        Assert.False(back.Policy.MarkUncollectible);
    }
}
