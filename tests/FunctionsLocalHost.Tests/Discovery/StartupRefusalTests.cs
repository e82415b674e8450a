using FunctionsLocalHost.Tests.Testing;
using Microsoft.Extensions.Configuration;

namespace FunctionsLocalHost.Tests.Discovery;

public class StartupRefusalTests
{
    [Fact]
    public async Task Unsupported_bindings_are_refused_at_start_naming_the_function_and_the_binding()
    {
        var refused = await Assert.ThrowsAsync<FunctionHostStartupException>(() => LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(UnsupportedFunctions).Assembly,
            ConfigureApp = (_, _) => { },
        }));

        Assert.Equal(4, refused.Problems.Count);
        Assert.Contains(refused.Problems, p => p.Contains("'Counter'") && p.Contains("entityTrigger binding"));
        Assert.Contains(refused.Problems, p => p.Contains("'PostedText'") && p.Contains("httpTrigger parameter of type String"));
        Assert.Contains(refused.Problems, p => p.Contains("'ReadBlob'") && p.Contains("blob binding") && p.Contains("'content'"));
        Assert.Contains(refused.Problems, p => p.Contains("'Forward'") && p.Contains("queue output binding"));
    }

    [Fact]
    public async Task A_missing_setting_is_refused_at_start_naming_the_function_and_the_setting()
    {
        var settings = SampleHost.Settings();
        settings.Remove("TextQueue");
        settings.Remove("SampleStorage");
        settings.Remove("AzureWebJobsStorage");

        var refused = await Assert.ThrowsAsync<FunctionHostStartupException>(() => SampleHost.StartAsync(settings));

        Assert.Contains(refused.Problems, p => p.Contains("'ProcessText'") && p.Contains("'TextQueue'"));
        Assert.Contains(refused.Problems, p => p.Contains("'ProcessOrder'") && p.Contains("'SampleStorage'"));
        Assert.Contains(refused.Problems, p => p.Contains("'Hourly'") && p.Contains("'AzureWebJobsStorage'"));
        Assert.DoesNotContain(refused.Problems, p => p.Contains("'FromSetting'"));
    }
}
