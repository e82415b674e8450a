using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

public class StripeFormTests
{
    [Fact]
    public void Metadata_is_encoded_as_bracketed_keys_in_key_order()
    {
        var form = new StripeForm().AddMetadata("metadata", new Dictionary<string, string> { ["tenant"] = "t1", ["deal"] = "42" });

        Assert.Equal("metadata[deal]=42&metadata[tenant]=t1", form.Encode());
    }

    [Fact]
    public void Setting_the_default_payment_method_encodes_the_nested_invoice_settings_key()
    {
        var request = new CustomerUpdateRequest
        {
            InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = "pm_123" },
        };

        Assert.Equal("invoice_settings[default_payment_method]=pm_123", request.ToForm().Encode());
    }

    [Fact]
    public void Scalar_arrays_use_empty_brackets_and_object_arrays_use_indexes()
    {
        var form = new StripeForm()
            .AddValues("expand", ["lines", "customer"])
            .AddObjects("lines", [("invoice_line_item", 100L), ("custom_line_item", 250L)],
                (line, item) => line.Add("type", item.Item1).Add("amount", item.Item2));

        Assert.Equal(
            "expand[]=lines&expand[]=customer&lines[0][type]=invoice_line_item&lines[0][amount]=100"
            + "&lines[1][type]=custom_line_item&lines[1][amount]=250",
            form.Encode());
    }

    [Fact]
    public void Booleans_are_lowercase_and_timestamps_are_unix_seconds()
    {
        var form = new StripeForm()
            .Add("auto_advance", true).Add("off_session", false)
            .Add("due_date", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal("auto_advance=true&off_session=false&due_date=1767323045", form.Encode());
    }

    [Fact]
    public void Null_parameters_are_left_out_and_empty_strings_are_kept_to_unset_values()
    {
        var form = new StripeForm().Add("description", (string?)null).Add("amount", (long?)null).Add("phone", "");

        Assert.Equal("phone=", form.Encode());
    }

    [Fact]
    public void Names_and_values_are_percent_encoded_but_brackets_stay_readable()
    {
        var form = new StripeForm().AddMetadata("metadata", new Dictionary<string, string> { ["order id"] = "a&b=c ü" });

        Assert.Equal("metadata[order%20id]=a%26b%3Dc%20%C3%BC", form.Encode());
    }

    [Fact]
    public void The_same_request_always_encodes_to_the_same_text()
    {
        InvoiceItemCreateRequest Build(Dictionary<string, string> metadata) => new()
        {
            Customer = "cus_1",
            Amount = 1999,
            Currency = "eur",
            Description = "Consulting",
            Metadata = metadata,
        };
        var first = Build(new() { ["b"] = "2", ["a"] = "1" }).ToForm().Encode();
        var second = Build(new() { ["a"] = "1", ["b"] = "2" }).ToForm().Encode();

        Assert.Equal(first, second);
        Assert.Equal("customer=cus_1&amount=1999&currency=eur&description=Consulting&metadata[a]=1&metadata[b]=2", first);
    }

    [Fact]
    public void Credit_note_lines_and_time_range_filters_nest_under_their_parameter()
    {
        var creditNote = new CreditNoteCreateRequest
        {
            Invoice = "in_1",
            Lines = [new CreditNoteLineRequest { Type = "invoice_line_item", InvoiceLineItem = "il_1", Amount = 500 }],
        };
        var events = new EventListRequest
        {
            Types = ["invoice.paid", "invoice.payment_failed"],
            Created = new StripeTimeRange { AtOrAfter = DateTimeOffset.FromUnixTimeSeconds(1700000000) },
            Limit = 100,
        };

        Assert.Equal("invoice=in_1&lines[0][type]=invoice_line_item&lines[0][invoice_line_item]=il_1&lines[0][amount]=500",
            creditNote.ToForm().Encode());
        Assert.Equal("types[]=invoice.paid&types[]=invoice.payment_failed&created[gte]=1700000000&limit=100",
            events.ToQuery().Encode());
    }
}
