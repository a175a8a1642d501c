using System.Xml.Linq;

namespace Connect.Fulfillment.Tests.Packaging;

/// <summary>Keeps the hand-written nuspec in step with the library csproj and the central package versions.</summary>
public class NuspecTests
{
    private static readonly XNamespace NuspecNs = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Connect.Fulfillment.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Connect.Fulfillment.sln not found above the test directory.");
        }
    }

    private static XDocument Load(string relative) => XDocument.Load(Path.Combine(RepoRoot, relative));

    [Test]
    public void Nuspec_id_equals_the_csproj_PackageId()
    {
        var nuspecId = Load("Connect.Fulfillment.nuspec").Descendants(NuspecNs + "id").Single().Value;
        var packageId = Load("src/Connect.Fulfillment/Connect.Fulfillment.csproj").Descendants("PackageId").Single().Value;

        Assert.That(nuspecId, Is.EqualTo(packageId));
    }

    [Test]
    public void Dependency_groups_match_target_frameworks_and_package_references()
    {
        var csproj = Load("src/Connect.Fulfillment/Connect.Fulfillment.csproj");
        var versions = Load("Directory.Packages.props").Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var frameworks = csproj.Descendants("TargetFrameworks").Single().Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var groups = Load("Connect.Fulfillment.nuspec").Descendants(NuspecNs + "group")
            .ToDictionary(
                g => (string)g.Attribute("targetFramework")!,
                g => g.Elements(NuspecNs + "dependency").Select(d => $"{(string)d.Attribute("id")!} {(string)d.Attribute("version")!}").Order().ToList());

        Assert.That(groups.Keys, Is.EquivalentTo(frameworks));
        foreach (var framework in frameworks)
        {
            var expected = csproj.Descendants("PackageReference")
                .Where(r => !string.Equals((string?)r.Attribute("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase))
                .Where(r => AppliesTo((string?)r.Attribute("Condition") ?? (string?)r.Parent?.Attribute("Condition"), framework))
                .Select(r => (string)r.Attribute("Include")!)
                .Select(id => $"{id} {versions[id]}")
                .Order()
                .ToList();

            Assert.That(groups[framework], Is.EqualTo(expected), framework);
        }
    }

    [Test]
    public void Files_the_nuspec_packs_exist_at_the_repo_root()
    {
        var files = Load("Connect.Fulfillment.nuspec").Descendants(NuspecNs + "file")
            .Select(f => (string)f.Attribute("src")!)
            .Where(src => !src.Contains('$', StringComparison.Ordinal));

        Assert.That(files.Where(f => !File.Exists(Path.Combine(RepoRoot, f))), Is.Empty);
    }

    /// <summary>Evaluates the only condition forms the csproj uses: none, or <c>'$(TargetFramework)' == 'x'</c> / <c>!=</c>.</summary>
    private static bool AppliesTo(string? condition, string framework)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        var normalized = condition.Replace(" ", string.Empty, StringComparison.Ordinal);
        const string Subject = "'$(TargetFramework)'";
        if (normalized.StartsWith(Subject + "==", StringComparison.Ordinal))
        {
            return normalized[(Subject.Length + 2)..].Trim('\'') == framework;
        }

        if (normalized.StartsWith(Subject + "!=", StringComparison.Ordinal))
        {
            return normalized[(Subject.Length + 2)..].Trim('\'') != framework;
        }

        throw new NotSupportedException($"Unsupported condition '{condition}': extend this test.");
    }
}
