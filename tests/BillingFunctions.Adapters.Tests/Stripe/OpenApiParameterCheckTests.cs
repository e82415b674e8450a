namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>The spec check must be able to fail, or the conformance test proves nothing.</summary>
public class OpenApiParameterCheckTests
{
    private readonly OpenApiParameterCheck spec = OpenApiParameterCheck.Load();

    [Fact]
    public void Concrete_paths_map_to_their_operation_templates()
    {
        Assert.Equal("/v1/invoices/{invoice}/pay", spec.FindOperation("POST", "/v1/invoices/in_123/pay"));
        Assert.Equal("/v1/customers/{customer}", spec.FindOperation("GET", "/v1/customers/cus_1"));
        Assert.Null(spec.FindOperation("POST", "/v1/charges"));
    }

    [Fact]
    public void Known_form_names_pass_and_unknown_or_badly_nested_names_are_reported()
    {
        var unknown = spec.UnknownParameters("POST", "/v1/customers/{customer}",
            ["email", "metadata[tenant]", "invoice_settings[default_payment_method]", "address[line1]", "preferred_locales[]",
             "default_payment_method", "invoice_settings[default_pm]", "metadata[a][b]"]).ToList();

        Assert.Equal(3, unknown.Count);
        Assert.Contains(unknown, u => u.Contains("'default_payment_method' is not a parameter"));
        Assert.Contains(unknown, u => u.Contains("invoice_settings[default_pm]"));
        Assert.Contains(unknown, u => u.Contains("metadata[a][b]"));
    }

    [Fact]
    public void Query_names_are_checked_against_the_operations_query_parameters()
    {
        Assert.Empty(spec.UnknownParameters("GET", "/v1/events", ["types[]", "created[gte]", "limit", "expand[]"]));
        Assert.Single(spec.UnknownParameters("GET", "/v1/events", ["customer"]));
        Assert.Single(spec.UnknownParameters("GET", "/v1/events", ["created[after]"]));
        Assert.Empty(spec.UnknownParameters("POST", "/v1/credit_notes", ["lines[0][type]", "lines[0][invoice_line_item]"]));
    }
}
