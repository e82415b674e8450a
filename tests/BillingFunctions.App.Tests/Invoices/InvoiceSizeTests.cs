using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Invoices at the documented limits are stored and read back whole; past them, a 400 and nothing written.</summary>
public sealed class InvoiceSizeTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("plain")]
    [InlineData("escaped")]
    public async Task The_most_lines_at_the_longest_descriptions_are_stored_and_read_back(string text)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        // Characters JSON escapes by default (non-ASCII, quotes, emoji) make the stored text up to six times longer.
        var unit = text == "plain" ? "Consulting " : "Ünïcødé \"quoted\" \\ 🧾 <&> ";
        var lines = Enumerable.Range(0, InvoiceLimits.MaxLines)
            .Select(i => new InvoiceLineRequest(Description(unit, i), 1, 100, null)).ToList();

        var created = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.PostAsJsonAsync("/api/v1/invoices",
            new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, lines, null), ApiHost.JsonOptions));
        var read = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.GetAsync($"/api/v1/invoices/{created.Id}"));

        Assert.Equal(lines.Select(l => l.Description), read.Lines.Select(l => l.Description));
        Assert.Equal(InvoiceLimits.MaxLines * 100, read.Total);
    }

    [Fact]
    public async Task A_line_is_added_to_an_invoice_already_holding_long_lines()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var lines = Enumerable.Range(0, 100).Select(i => new InvoiceLineRequest(Description("Consulting ", i)[..400], 1, 100, null)).ToList();
        var created = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.PostAsJsonAsync("/api/v1/invoices",
            new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, lines, null), ApiHost.JsonOptions));

        var added = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.PostAsJsonAsync($"/api/v1/invoices/{created.Id}/lines",
            new InvoiceLineRequest(Description("Ö", 1), 1, 50, null), ApiHost.JsonOptions));

        Assert.Equal(101, added.Lines.Count);
        Assert.Equal(100 * 100 + 50, added.Total);
    }

    [Fact]
    public async Task A_hold_reason_past_its_maximum_is_a_400_and_the_invoice_stays_as_it_was()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var invoice = await world.CreateInvoiceAsync(world.Admin, customer.Id);

        var response = await world.Admin.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold",
            new HoldRequest(new string('x', 100_000)), ApiHost.JsonOptions);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", "100,000-character hold reason");
        var after = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.False(after.OnHold);
        var held = await world.Admin.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold",
            new HoldRequest(new string('x', InvoiceLimits.MaxHoldReasonLength)), ApiHost.JsonOptions);
        Assert.True((await TenantWorld.ReadAsync<InvoiceResponse>(held)).OnHold);
    }

    /// <summary>A description of exactly the maximum length, different per line.</summary>
    private static string Description(string unit, int line)
    {
        var text = $"#{line} " + string.Concat(Enumerable.Repeat(unit, InvoiceLimits.MaxDescriptionLength));
        // Ends in a letter: a description is stored trimmed, and a cut emoji is no text.
        var cut = text[..(InvoiceLimits.MaxDescriptionLength - 1)];
        return (char.IsHighSurrogate(cut[^1]) ? cut[..^1] + "y" : cut) + "x";
    }
}
