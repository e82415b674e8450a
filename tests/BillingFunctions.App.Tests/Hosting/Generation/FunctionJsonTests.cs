using System.Text.Json.Nodes;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Hosting.Generation;
using BillingFunctions.App.Hosting.Timers;

namespace BillingFunctions.App.Tests.Hosting.Generation;

public sealed class FunctionJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("function-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject Read(string directory, string function) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(directory, function, "function.json")))!.AsObject();

    private static JsonObject TriggerOf(JsonObject functionJson) =>
        functionJson["bindings"]!.AsArray().Single(b => b!["direction"]!.GetValue<string>() == "in")!.AsObject();

    [Fact]
    public void Every_declared_function_gets_a_folder_named_after_it_and_nothing_else()
    {
        FunctionJson.WriteAll(AppFunctions.All, _directory);

        var folders = Directory.GetDirectories(_directory).Select(Path.GetFileName).Order();
        Assert.Equal(AppFunctions.All.Select(f => f.Name).Order(), folders);
    }

    [Fact]
    public void Generated_bindings_match_each_declaration()
    {
        FunctionJson.WriteAll(AppFunctions.All, _directory);

        foreach (var function in AppFunctions.All)
        {
            var json = Read(_directory, function.Name);
            var trigger = TriggerOf(json);
            Assert.Equal(function.TriggerBindingName, trigger["name"]!.GetValue<string>());
            switch (function)
            {
                case HttpFunction http:
                    Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(http.Route, trigger["route"]!.GetValue<string>());
                    Assert.Equal(http.Methods.Select(m => m.ToLowerInvariant()), trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
                    Assert.Equal(http.AuthLevel.ToString().ToLowerInvariant(), trigger["authLevel"]!.GetValue<string>());
                    Assert.Contains(json["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "http"
                        && b["direction"]!.GetValue<string>() == "out");
                    break;
                case TimerFunction timer:
                    Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(timer.Schedule, trigger["schedule"]!.GetValue<string>());
                    Assert.Equal(timer.RunOnStartup, trigger["runOnStartup"]!.GetValue<bool>());
                    Assert.True(timer.Schedule.StartsWith('%') || CronSchedule.TryParse(timer.Schedule, out _));
                    break;
                case QueueFunction queue:
                    Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(queue.QueueName, trigger["queueName"]!.GetValue<string>());
                    Assert.Equal(queue.Connection, trigger["connection"]!.GetValue<string>());
                    break;
                default:
                    Assert.Fail($"{function.Name} is of an unknown kind");
                    break;
            }
        }
    }

    [Fact]
    public void Timer_and_queue_declarations_become_their_trigger_bindings()
    {
        FunctionDeclaration[] functions =
        [
            new TimerFunction("sweep", "0 */5 * * * *", (_, _, _) => Task.CompletedTask) { RunOnStartup = true, UseMonitor = false },
            new QueueFunction("apply", "things", (_, _, _) => Task.CompletedTask) { Connection = "OTHER_STORAGE" },
        ];

        FunctionJson.WriteAll(functions, _directory);

        Assert.Equal(
            """{"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"0 */5 * * * *","runOnStartup":""" +
            """true,"useMonitor":false}]}""",
            Read(_directory, "sweep").ToJsonString());
        Assert.Equal(
            """{"bindings":[{"type":"queueTrigger","direction":"in","name":"message","queueName":"things","connection":"OTHER_STORAGE"}]}""",
            Read(_directory, "apply").ToJsonString());
    }

    [Fact]
    public async Task The_generate_functions_command_of_the_built_executable_writes_the_folders()
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "BillingFunctions"))
        {
            ArgumentList = { "generate-functions", _directory },
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(AppFunctions.All.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(AppFunctions.All, f => Assert.True(File.Exists(Path.Combine(_directory, f.Name, "function.json"))));
    }

    [Fact]
    public void Catalog_refuses_duplicate_names_and_invalid_names()
    {
        var a = new QueueFunction("apply", "q1", (_, _, _) => Task.CompletedTask);
        var b = new QueueFunction("Apply", "q2", (_, _, _) => Task.CompletedTask);
        var bad = new QueueFunction("1-apply", "q3", (_, _, _) => Task.CompletedTask);

        Assert.Throws<ArgumentException>(() => new FunctionCatalog([a, b]));
        Assert.Throws<ArgumentException>(() => new FunctionCatalog([bad]));
    }
}
