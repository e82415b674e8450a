using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Schema;

/// <summary>The emulator accepts exactly the parameters Stripe's spec lists for each operation, so client typos surface here as they would on Stripe.</summary>
public sealed class ParametersMatchOpenApiTests : EmulatorTest
{
    [Fact]
    public async Task Every_parameter_in_the_spec_is_known_to_the_emulator()
    {
        var spec = OpenApiSpec.Instance;
        var customer = await Stripe.CustomerAsync();
        var invoice = (await Stripe.PostAsync("/v1/invoices", ("customer", customer))).EnsureOk().Id;
        var ids = new Dictionary<string, string>
        {
            ["{customer}"] = customer, ["{invoice}"] = invoice, ["{payment_method}"] = "pm_card_visa", ["{id}"] = "evt_missing",
        };
        var unknown = new List<string>();
        var operations = 0;
        foreach (var (template, item) in spec.Document["paths"]!.AsObject())
        {
            var path = ids.Aggregate(template, (p, id) => p.Replace(id.Key, id.Value));
            foreach (var (method, _) in item!.AsObject())
            {
                operations++;
                foreach (var name in spec.ParameterNames(method, template))
                {
                    var response = method == "get"
                        ? await Stripe.GetAsync($"{path}?{name}=x")
                        : await Stripe.PostAsync(path, (name, "x"));
                    if (response.Status == HttpStatusCode.BadRequest && response.Error["code"]?.ToString() == "parameter_unknown")
                        unknown.Add($"{method.ToUpperInvariant()} {template}: {name}");
                }
            }
        }
        Assert.Equal(21, operations);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Parameters_outside_the_spec_are_refused()
    {
        var customer = await Stripe.CustomerAsync();
        var invoice = (await Stripe.PostAsync("/v1/invoices", ("customer", customer))).EnsureOk().Id;

        var responses = new[]
        {
            await Stripe.PostAsync("/v1/customers", ("customer_email", "x")),
            await Stripe.PostAsync($"/v1/invoices/{invoice}/pay", ("amount", "100")),
            await Stripe.GetAsync($"/v1/invoices?state=open"),
            await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "1"), ("currency", "usd"), ("tax", "1")),
        };

        Assert.All(responses, r => Assert.Equal("parameter_unknown", r.Error["code"]!.ToString()));
    }
}
