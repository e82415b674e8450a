namespace StripeEmulator;

/// <summary>
/// <c>--urls</c>, repeatable <c>--forward-to</c> and <c>--webhook-secret</c> (paired in order, like
/// <c>stripe listen --forward-to</c>), and <c>--rate-limit</c> (0 turns it off).
/// </summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new EmulatorOptions();
        List<Uri> forwardTo = [];
        List<string> secrets = [];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--urls" when value is not null: options = options with { Urls = value }; i++; break;
                case "--forward-to" when value is not null: forwardTo.Add(new Uri(value)); i++; break;
                case "--webhook-secret" when value is not null: secrets.Add(value); i++; break;
                case "--rate-limit" when value is not null:
                    var limit = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    options = options with { RateLimitPerSecond = limit > 0 ? limit : null };
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument: {args[i]}");
                    return 2;
            }
        }
        if (forwardTo.Count > 0 && secrets.Count == 0) secrets.Add("whsec_" + State.Ids.New("emulator")[9..]);
        options = options with
        {
            WebhookTargets = forwardTo.Select((url, i) => new WebhookTarget(url, secrets[Math.Min(i, secrets.Count - 1)])).ToList(),
        };

        await using var emulator = await RunningEmulator.StartAsync(options, ownsConsole: true, CancellationToken.None);
        Console.WriteLine($"Stripe emulator listening on {emulator.BaseUrl}");
        foreach (var target in options.WebhookTargets)
            Console.WriteLine($"Forwarding events to {target.Url} (signing secret {target.Secret})");

        await emulator.WaitForShutdownAsync();
        return 0;
    }
}
