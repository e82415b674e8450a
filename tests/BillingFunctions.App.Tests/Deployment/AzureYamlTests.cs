using BillingFunctions.Adapters.Tests.StripeApi;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BillingFunctions.App.Tests.Deployment;

/// <summary>azure.yaml as the Azure Developer CLI reads it: each service it deploys is a project that exists and builds.</summary>
public class AzureYamlTests
{
    private sealed class AzureYaml
    {
        public string Name { get; set; } = "";
        public InfraSection Infra { get; set; } = new();
        public Dictionary<string, Service> Services { get; set; } = [];
    }

    private sealed class InfraSection
    {
        public string Provider { get; set; } = "";
        public string Path { get; set; } = "";
        public string Module { get; set; } = "main";
    }

    private sealed class Service
    {
        public string Project { get; set; } = "";
        public string Language { get; set; } = "";
        public string Host { get; set; } = "";
    }

    private static AzureYaml Read() =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<AzureYaml>(File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml")));

    [Fact]
    public void The_infrastructure_it_names_is_the_bicep_in_infra()
    {
        var infra = Read().Infra;

        Assert.Equal("bicep", infra.Provider);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, infra.Path, infra.Module + ".bicep")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, infra.Path, infra.Module + ".parameters.json")));
    }

    [Fact]
    public async Task Every_service_is_a_dotnet_function_project_that_builds()
    {
        var services = Read().Services;

        Assert.NotEmpty(services);
        foreach (var (name, service) in services)
        {
            Assert.Equal(("dotnet", "function"), (service.Language, service.Host));
            var folder = Path.GetFullPath(Path.Combine(RepoPaths.Root, service.Project));
            var project = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
            // Release, as scripts/test.sh builds it: an up-to-date project builds again in seconds and touches nothing.
            var build = await Commands.RunAsync("dotnet", "build", project, "--configuration", "Release", "--no-restore", "-nologo",
                "--verbosity", "quiet");
            Assert.True(build.ExitCode == 0, $"service {name}: dotnet build {project} failed\n{build.Output}{build.Error}");
        }
    }
}
