using System.Security.Cryptography;
using System.Text;

namespace BillingFunctions.Adapters.Storage;

/// <summary>An account name and its decoded key; signs Shared Key strings-to-sign.</summary>
internal sealed class StorageSharedKey
{
    private readonly byte[] _key;

    public StorageSharedKey(string accountName, string base64Key)
    {
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new FormatException("AccountKey is not valid base64.");
        }
    }

    public string AccountName { get; }

    public string Authorization(string stringToSign) =>
        $"SharedKey {AccountName}:{Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)))}";
}
