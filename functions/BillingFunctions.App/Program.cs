using BillingFunctions.App;
using BillingFunctions.App.Hosting.Generation;
using BillingFunctions.App.Hosting.Packaging;

switch (args)
{
    case ["generate-functions", var directory]:
        foreach (var folder in FunctionJson.WriteAll(AppFunctions.All, directory)) Console.WriteLine(folder);
        return 0;
    case ["package", var outputDirectory, .. var packageArgs]:
        return await Packager.RunAsync(outputDirectory, packageArgs, Console.Out, CancellationToken.None);
    case ["generate-functions" or "package", ..]:
        Console.Error.WriteLine("usage: BillingFunctions generate-functions <dir> | package <outdir> [--no-zip]");
        return 2;
}

var app = BillingApp.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
