namespace Connect.Fulfillment.Tests;

/// <summary>Reads the real Connect JSON fixtures copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "connect");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
