namespace Connect.Fulfillment.Packaging.Tests;

/// <summary>Locates the repository the tests were built from.</summary>
internal static class RepoFiles
{
    public const string SolutionFile = "Connect.Fulfillment.sln";

    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"{SolutionFile} was not found above {TestContext.CurrentContext.TestDirectory}.");
    }
}
