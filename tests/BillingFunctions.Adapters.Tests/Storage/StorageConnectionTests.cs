using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class StorageConnectionTests
{
    [Fact]
    public void Development_storage_points_at_azurite_default_ports_with_the_well_known_account()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_over_the_account_defaults()
    {
        var connection = StorageConnection.Parse(
            "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5/acct/;QueueEndpoint=http://127.0.0.1:6/acct;");

        Assert.Equal(new Uri("http://127.0.0.1:5/acct"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:6/acct"), connection.QueueEndpoint);
        Assert.Equal("a2V5", connection.AccountKey);
    }

    [Fact]
    public void Account_without_endpoints_uses_the_public_cloud_hosts()
    {
        var connection = StorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5==;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal("a2V5==", connection.AccountKey);
    }

    [Theory]
    [InlineData("AccountName=acct")]
    [InlineData("AccountKey=a2V5")]
    [InlineData("AccountName=acct;AccountKey=a2V5;TableEndpoint=not a uri")]
    public void Incomplete_connection_strings_are_rejected(string connectionString)
    {
        Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));
    }

    [Fact]
    public void Error_message_never_echoes_the_account_key()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse("AccountName=acct;AccountKeysecret"));

        Assert.DoesNotContain("secret", error.Message);
    }
}
