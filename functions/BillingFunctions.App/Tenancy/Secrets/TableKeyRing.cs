using System.Xml.Linq;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BillingFunctions.App.Tenancy.Secrets;

/// <summary>
/// The Data Protection key ring in a storage table, one row per key, so that it survives restarts and every app
/// instance on the account decrypts what another encrypted. (Azure.Extensions.AspNetCore.DataProtection.Blobs is not
/// available to this project.) Data Protection calls this synchronously, rarely: at startup and when keys roll.
/// </summary>
public sealed class TableKeyRing(TableClient table) : IXmlRepository
{
    private const string Partition = "keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return Task.Run(async () =>
            {
                var elements = new List<XElement>();
                await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")))
                    elements.Add(XElement.Parse(row.GetString("Xml")!));
                return elements;
            }).GetAwaiter().GetResult();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await table.CreateIfNotExistsAsync();
        // Friendly names are "key-{guid}": unique, and valid row keys.
        await table.UpsertEntityAsync(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
    }).GetAwaiter().GetResult();
}
