return await StripeEmulator.CommandLine.RunAsync(args);
