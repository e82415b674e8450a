using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Imports;

/// <summary>The CSV imports: their table and queue, the two kinds, and what starts and runs them.</summary>
public static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton(StorageNeed.ForTable(ImportStore.TableName)).AddSingleton(StorageNeed.ForQueue(ImportMessage.QueueName));
        services.AddSingleton<ImportStore>().AddSingleton<ImportQueue>().AddSingleton<ImportStarter>().AddSingleton<ImportRunner>();
        services.AddSingleton<CustomerImport>().AddSingleton<RecordImport>(sp => sp.GetRequiredService<CustomerImport>());
        services.AddSingleton<InvoiceImport>().AddSingleton<RecordImport>(sp => sp.GetRequiredService<InvoiceImport>());
        return services;
    }
}
