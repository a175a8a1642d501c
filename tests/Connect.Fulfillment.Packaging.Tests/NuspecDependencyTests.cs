using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Connect.Fulfillment.Packaging.Tests;

/// <summary>
/// Connect.Fulfillment is packed from the hand-written top-level nuspec, so its dependency groups must be kept in step
/// with the csproj package references and the central versions by hand; these tests catch a drift.
/// </summary>
public partial class NuspecDependencyTests
{
    private static readonly string[] TargetFrameworks = ["net8.0", "net10.0"];

    [Test]
    public void Csproj_targets_the_frameworks_of_the_nuspec_groups()
    {
        var csproj = XDocument.Load(RepoFiles.PathOf("src", "Connect.Fulfillment", "Connect.Fulfillment.csproj"));
        var frameworks = csproj.Descendants("TargetFrameworks").Single().Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(frameworks, Is.EquivalentTo(TargetFrameworks));
        Assert.That(NuspecGroups().Keys, Is.EquivalentTo(TargetFrameworks));
    }

    [TestCaseSource(nameof(TargetFrameworks))]
    public void Nuspec_dependency_group_matches_the_csproj_package_references(string targetFramework)
    {
        var expected = CsprojDependencies(targetFramework);
        var actual = NuspecGroups()[targetFramework];
        Assert.That(actual, Is.EquivalentTo(expected), $"Connect.Fulfillment.nuspec <group targetFramework=\"{targetFramework}\"> must list the csproj's shipped package references with their central versions.");
    }

    [Test]
    public void Nuspec_dependencies_exclude_build_and_analyzer_assets()
    {
        var dependencies = NuspecDocument().Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        Assert.That(dependencies, Is.Not.Empty);
        Assert.That(dependencies.Select(d => (string?)d.Attribute("exclude")), Is.All.EqualTo("Build,Analyzers"));
    }

    [Test]
    public void Csproj_packs_through_the_nuspec_with_the_same_package_id()
    {
        var csproj = XDocument.Load(RepoFiles.PathOf("src", "Connect.Fulfillment", "Connect.Fulfillment.csproj"));
        Assert.That(csproj.Descendants("PackageId").Single().Value, Is.EqualTo(NuspecDocument().Descendants().Single(e => e.Name.LocalName == "id").Value));
        Assert.That(csproj.Descendants("NuspecFile").Single().Value, Does.EndWith("Connect.Fulfillment.nuspec"));
    }

    [Test]
    public void Nuspec_files_exist_in_the_repository()
    {
        var sources = NuspecDocument().Descendants().Where(e => e.Name.LocalName == "file").Select(e => (string)e.Attribute("src")!)
            .Where(src => !src.Contains('$', StringComparison.Ordinal));
        Assert.That(sources, Is.Not.Empty);
        foreach (var src in sources)
        {
            Assert.That(File.Exists(RepoFiles.PathOf(src)), Is.True, $"{src} is packed by the nuspec but does not exist.");
        }
    }

    private static XDocument NuspecDocument() => XDocument.Load(RepoFiles.PathOf("Connect.Fulfillment.nuspec"));

    private static Dictionary<string, List<string>> NuspecGroups() =>
        NuspecDocument().Descendants().Where(e => e.Name.LocalName == "group").ToDictionary(
            g => (string)g.Attribute("targetFramework")!,
            g => g.Elements().Where(e => e.Name.LocalName == "dependency").Select(d => $"{(string)d.Attribute("id")!} {(string)d.Attribute("version")!}").ToList());

    private static List<string> CsprojDependencies(string targetFramework)
    {
        var versions = XDocument.Load(RepoFiles.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var csproj = XDocument.Load(RepoFiles.PathOf("src", "Connect.Fulfillment", "Connect.Fulfillment.csproj"));
        var result = new List<string>();
        foreach (var reference in csproj.Descendants("PackageReference"))
        {
            if (string.Equals((string?)reference.Attribute("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase))
            {
                continue; // build-only (analyzers)
            }

            var condition = (string?)reference.Attribute("Condition") ?? (string?)reference.Parent?.Attribute("Condition");
            if (condition is not null && !ConditionHolds(condition, targetFramework))
            {
                continue;
            }

            var id = (string)reference.Attribute("Include")!;
            var version = (string?)reference.Attribute("VersionOverride") ?? (string?)reference.Attribute("Version") ?? versions[id];
            result.Add($"{id} {version}");
        }

        return result;
    }

    private static bool ConditionHolds(string condition, string targetFramework)
    {
        var match = TargetFrameworkCondition().Match(condition);
        if (!match.Success)
        {
            Assert.Fail($"This test does not understand the package reference condition `{condition}`; teach it or simplify the condition.");
        }

        var equal = string.Equals(match.Groups["tfm"].Value, targetFramework, StringComparison.OrdinalIgnoreCase);
        return match.Groups["op"].Value == "==" ? equal : !equal;
    }

    [GeneratedRegex(@"^\s*'\$\(TargetFramework\)'\s*(?<op>==|!=)\s*'(?<tfm>[^']+)'\s*$")]
    private static partial Regex TargetFrameworkCondition();
}
