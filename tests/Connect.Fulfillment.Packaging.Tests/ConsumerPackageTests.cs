using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Connect.Fulfillment.Packaging.Tests;

/// <summary>
/// Packs the packages from a copy of the repository sources into a temporary folder, checks their content, then
/// builds and runs a consumer console project that references them as packages from that folder, restored into an
/// empty NUGET_PACKAGES folder so that no stale cache can hide a broken package.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public class ConsumerPackageTests
{
    private const string MainId = "Connect.Fulfillment";
    private const string TestingId = "Connect.Fulfillment.Testing";
    private const string AspNetCoreId = "Connect.Fulfillment.AspNetCore";
    private const string UsageId = "Connect.Fulfillment.Usage";
    private const string PostgreSqlId = "Connect.Fulfillment.PostgreSql";
    private static readonly string[] TargetFrameworks = ["net8.0", "net10.0"];

    private readonly string version = "0.0.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    private string work = null!;
    private string feed = null!;

    [OneTimeSetUp]
    public async Task PackBothPackages()
    {
        work = Path.Combine(Path.GetTempPath(), "connect-fulfillment-packaging-" + Guid.NewGuid().ToString("N")[..10]);
        feed = Path.Combine(work, "feed");
        Directory.CreateDirectory(feed);

        // Pack a copy of the sources so the repository's bin/obj folders are neither used nor rewritten with the test version
        // while other test projects of the solution may still be building.
        var sources = Path.Combine(work, "repo");
        CopySources(sources);

        // The main and testing projects do not reference each other, so they are packed side by side; the ASP.NET Core
        // usage and PostgreSQL packages reference the main project, so they are packed after it, one at a time (their builds of the
        // main project are then up to date and never run at once).
        var results = await Task.WhenAll(new[] { MainId, TestingId }.Select(id => PackAsync(sources, id)));
        results = [.. results, await PackAsync(sources, AspNetCoreId), await PackAsync(sources, UsageId), await PackAsync(sources, PostgreSqlId)];
        foreach (var result in results)
        {
            TestContext.Progress.WriteLine($"`{result.Command}` took {result.Duration.TotalSeconds:0.0} s");
            Assert.That(result.ExitCode, Is.Zero, result.Describe());
        }
    }

    private Task<DotnetProcess.Result> PackAsync(string sources, string id) => DotnetProcess.RunAsync(sources, new Dictionary<string, string>(), DotnetProcess.DefaultTimeout,
        "pack", Path.Combine("src", id, id + ".csproj"), "-c", "Release", "-o", feed, "--disable-build-servers",
        "-p:PackageVersion=" + version, "-p:ContinuousIntegrationBuild=true");

    [OneTimeTearDown]
    public void RemoveWorkFolder()
    {
        if (work is not null && Directory.Exists(work) && TestContext.CurrentContext.Result.FailCount == 0)
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temp path.
            }
        }
    }

    [TestCase(MainId)]
    [TestCase(TestingId)]
    [TestCase(AspNetCoreId)]
    [TestCase(UsageId)]
    [TestCase(PostgreSqlId)]
    public void Package_and_symbol_package_are_produced(string id)
    {
        Assert.That(File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")), Is.True, Listing());
        var symbols = Path.Combine(feed, $"{id}.{version}.snupkg");
        Assert.That(File.Exists(symbols), Is.True, Listing());
        using var zip = ZipFile.OpenRead(symbols);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(entries, Does.Contain($"lib/{tfm}/{id}.pdb"));
        }
    }

    [TestCase(MainId)]
    [TestCase(TestingId)]
    [TestCase(AspNetCoreId)]
    [TestCase(UsageId)]
    [TestCase(PostgreSqlId)]
    public void Package_holds_both_target_frameworks_docs_and_readme(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(entries, Does.Contain($"lib/{tfm}/{id}.dll"));
            Assert.That(entries, Does.Contain($"lib/{tfm}/{id}.xml"));
        }

        Assert.That(entries, Does.Contain("README.md"));
        Assert.That(entries.Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)), Is.Empty, "symbols belong in the .snupkg");

        var nuspec = Nuspec(zip, id);
        Assert.That(Element(nuspec, "version")?.Value, Is.EqualTo(version));
        Assert.That(Element(nuspec, "readme")?.Value, Is.EqualTo("README.md"));
        Assert.That(Element(nuspec, "license")?.Value, Is.EqualTo("Apache-2.0"));
        Assert.That((string?)Element(nuspec, "repository")?.Attribute("url"), Does.StartWith("https://"));
        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies")
            .Select(g => (string?)g.Attribute("targetFramework")).ToList();
        Assert.That(groups, Is.EquivalentTo(TargetFrameworks), "one dependency group per target framework");
    }

    [Test]
    public void Main_package_dependency_groups_carry_the_shipped_dependencies()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{MainId}.{version}.nupkg"));
        var nuspec = Nuspec(zip, MainId);
        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements().Select(d => (string)d.Attribute("id")!).ToList());
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(groups[tfm], Does.Contain("Microsoft.Extensions.Http.Resilience").And.Contain("Microsoft.Extensions.Options"), tfm);
        }

        Assert.That(groups["net8.0"], Does.Contain("System.Text.Json"));
        Assert.That(zip.Entries.Select(e => e.FullName), Does.Contain("LICENSE"));
    }

    [Test]
    public void PostgreSql_package_depends_on_the_main_package_and_the_lock_library()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{PostgreSqlId}.{version}.nupkg"));
        var nuspec = Nuspec(zip, PostgreSqlId);
        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements().ToDictionary(d => (string)d.Attribute("id")!, d => (string?)d.Attribute("version")));
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(groups[tfm][MainId], Is.EqualTo(version), tfm);
            Assert.That(groups[tfm].Keys, Does.Contain("DistributedLock.Postgres"), tfm);
        }
    }

    [Test]
    public void AspNetCore_package_depends_on_the_main_package_and_the_shared_framework()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{AspNetCoreId}.{version}.nupkg"));
        var nuspec = Nuspec(zip, AspNetCoreId);
        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements().ToDictionary(d => (string)d.Attribute("id")!, d => (string?)d.Attribute("version")));
        var frameworks = nuspec.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string?)e.Attribute("name")).ToList();
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(groups[tfm][MainId], Is.EqualTo(version), tfm);
            Assert.That(groups[tfm].Keys, Does.Contain("Microsoft.IdentityModel.JsonWebTokens"), tfm);
        }

        Assert.That(frameworks, Is.Not.Empty.And.All.EqualTo("Microsoft.AspNetCore.App"));
    }

    [Test]
    public void Usage_package_depends_on_the_main_package_at_the_same_version_and_on_SpreadCheetah()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{UsageId}.{version}.nupkg"));
        var groups = Nuspec(zip, UsageId).Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements().ToDictionary(d => (string)d.Attribute("id")!, d => (string?)d.Attribute("version")));
        foreach (var tfm in TargetFrameworks)
        {
            Assert.That(groups[tfm][MainId], Is.EqualTo(version), tfm);
            Assert.That(groups[tfm], Does.ContainKey("SpreadCheetah"), tfm);
        }
    }

    [Test]
    public async Task Consumer_project_restores_builds_and_runs_from_the_packages()
    {
        var consumer = Path.Combine(work, "consumer");
        var packages = Path.Combine(work, "nuget-packages");
        Directory.CreateDirectory(consumer);
        Directory.CreateDirectory(packages);
        WriteConsumer(consumer);
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = packages,
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(work, "nuget-http-cache"),
        };

        var build = await DotnetProcess.RunAsync(consumer, environment, DotnetProcess.DefaultTimeout,
            "build", "Consumer.csproj", "-c", "Release", "--disable-build-servers");
        TestContext.Progress.WriteLine($"consumer restored and built in {build.Duration.TotalSeconds:0.0} s");
        Assert.That(build.ExitCode, Is.Zero, build.Describe());

        // The packages came from the local folder into the empty cache, at the version just packed.
        Assert.That(Directory.Exists(Path.Combine(packages, MainId.ToLowerInvariant(), version)), Is.True, build.Describe());
        Assert.That(Directory.Exists(Path.Combine(packages, TestingId.ToLowerInvariant(), version)), Is.True, build.Describe());
        Assert.That(Directory.Exists(Path.Combine(packages, AspNetCoreId.ToLowerInvariant(), version)), Is.True, build.Describe());

        var run = await DotnetProcess.RunAsync(consumer, environment, DotnetProcess.DefaultTimeout,
            Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll"));
        TestContext.Progress.WriteLine($"consumer ran in {run.Duration.TotalSeconds:0.0} s");
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Does.Contain("approved: 1"), run.Describe());
        Assert.That(lines, Does.Contain("request: approved"), run.Describe());
        Assert.That(lines, Does.Contain("asset: terminated"), run.Describe());
        Assert.That(lines, Does.Contain("webhook with a forged token: 401"), run.Describe());
    }

    private static XDocument Nuspec(ZipArchive zip, string id)
    {
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static XElement? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    private string Listing() => "feed: " + string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName));

    private static void CopySources(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in new[] { "Connect.Fulfillment.nuspec", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config", "NuGet.Config", "README.md", "LICENSE", ".editorconfig" })
        {
            var source = RepoFiles.PathOf(file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(target, file));
            }
        }

        foreach (var project in new[] { MainId, TestingId, AspNetCoreId, UsageId, PostgreSqlId })
        {
            CopyTree(RepoFiles.PathOf("src", project), Path.Combine(target, "src", project));
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            CopyTree(directory, Path.Combine(target, name));
        }
    }

    private void WriteConsumer(string folder)
    {
        // Empty Directory.* files stop MSBuild from looking further up for any that could leak in.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="{MainId}" />
                  <package pattern="{TestingId}" />
                  <package pattern="{AspNetCoreId}" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>

            """);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
                <!-- As in the repository: a registry may lack the exact lowest version a dependency names (NU1603). -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{MainId}" Version="[{version}]" />
                <PackageReference Include="{TestingId}" Version="[{version}]" />
                <PackageReference Include="{AspNetCoreId}" Version="[{version}]" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using Connect.Fulfillment.Pipeline;
            using Connect.Fulfillment.Testing;
            using Connect.Fulfillment.Vendors;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            await using var sandbox = await ConnectSandbox.StartAsync();
            sandbox.Products.Add("PRD-100-200-300", p => p.Template("TL-100-200-300", name: "Default Activation Template", scope: "asset"));
            var requestId = sandbox.Requests.Add(r => r
                .Type("cancel").Status("pending").Product("PRD-100-200-300").Environment("preview")
                .Parameter("subscription_id", phase: "fulfillment", value: "SUB-1"));

            var services = new ServiceCollection();
            services.AddConnectFulfillment(o =>
                {
                    o.Endpoint = sandbox.BaseUrl;
                    o.ApiKey = sandbox.ApiKey;
                })
                .AddFulfillmentPipeline(o => o.Products.Add("PRD-100-200-300"))
                .AddVendorCancelAdapter<MyAdapter>();
            await using var provider = services.BuildServiceProvider(validateScopes: true);

            var summary = await provider.GetRequiredService<FulfillmentPipeline>().RunOnceAsync();
            Console.WriteLine($"approved: {summary.Approved}");
            Console.WriteLine($"request: {sandbox.GetRequestStatus(requestId)}");
            Console.WriteLine($"asset: {sandbox.GetAssetStatus(sandbox.GetRequestAssetId(requestId)!)}");
            Console.WriteLine($"cancelled: {string.Join(",", MyAdapter.Cancelled)}");

            var web = WebApplication.CreateSlimBuilder();
            web.WebHost.UseUrls("http://127.0.0.1:0");
            web.Services.AddConnectWebhooks(o => o.JwtSecret = "JWT-9cbfcbcc-3518496a-ae1b9dc0-79df99bc");
            await using var app = web.Build();
            app.MapConnectValidation("/connect/validation");
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var call = new HttpRequestMessage(HttpMethod.Post, "/connect/validation") { Content = new StringContent("{}") };
            call.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
            using var answer = await http.SendAsync(call);
            Console.WriteLine($"webhook with a forged token: {(int)answer.StatusCode}");
            await app.StopAsync();
            return 0;

            internal sealed class MyAdapter : IVendorCancelAdapter
            {
                public static List<string> Cancelled { get; } = [];

                public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
                {
                    lock (Cancelled)
                    {
                        Cancelled.Add(context.ExternalSubscriptionId);
                    }

                    return Task.FromResult(VendorResult.Success());
                }
            }

            """);
    }
}
