using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>
/// Installs Prism (pinned in package.json / package-lock.json next to this project) with <c>npm ci</c> once, and runs
/// it in mock mode on Connect's OpenAPI description for the whole test run. Missing node or npm, a failed install or
/// a Prism that does not start fail every test with what to install: never a silent skip.
/// </summary>
[SetUpFixture]
public sealed class Prism
{
    private const string PrismVersion = "5.16.0";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(8);
    private static Process? server;
    private static string? failure;
    private static readonly StringBuilder Output = new();

    /// <summary>The folder of this project: package.json, and node_modules after the install.</summary>
    public static string ProjectDirectory { get; } = typeof(Prism).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceProjectDirectory").Value!;

    /// <summary>The spec copy the suite checks against.</summary>
    public static string SpecPath { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", "fixtures", "connect", "connect-openapi-v37.spec.yml"));

    /// <summary>The folder of the real payloads.</summary>
    public static string FixturesDirectory { get; } = Path.GetDirectoryName(SpecPath)!;

    /// <summary>Prism's base address (it serves the spec's paths without the server prefix).</summary>
    public static Uri BaseAddress { get; private set; } = null!;

    /// <summary>Fails the calling test when Prism could not be started, with what to install.</summary>
    public static void EnsureRunning()
    {
        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            if (!File.Exists(SpecPath))
            {
                throw new InvalidOperationException($"The spec copy is missing: {SpecPath}.");
            }

            await InstallAsync();
            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
            server = StartProcess("node", [PrismEntryPoint(), "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), SpecPath], ProjectDirectory);
            await WaitUntilListeningAsync(server);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException or TimeoutException)
        {
            failure = "The conformance suite needs Prism (npm @stoplight/prism-cli " + PrismVersion + "), installed by this set-up with "
                + "`npm ci` in " + ProjectDirectory + ". Install Node.js 20 or later with npm (https://nodejs.org) and make sure the npm "
                + "registry is reachable. What failed: " + ex.Message + Environment.NewLine + Tail(Output.ToString());
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
        }

        server?.Dispose();
    }

    private static string PrismEntryPoint() => Path.Combine(ProjectDirectory, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");

    private static async Task InstallAsync()
    {
        var installed = Path.Combine(ProjectDirectory, "node_modules", "@stoplight", "prism-cli", "package.json");
        if (File.Exists(installed) && File.Exists(PrismEntryPoint()))
        {
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(installed));
            if (manifest.RootElement.GetProperty("version").GetString() == PrismVersion)
            {
                return;
            }
        }

        // --ignore-scripts: Prism needs no install script (one dependency's only script sends usage statistics).
        using var npm = StartProcess(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], ProjectDirectory);
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"`npm ci` did not finish within {InstallTimeout}.");
        }

        if (npm.ExitCode != 0 || !File.Exists(PrismEntryPoint()))
        {
            throw new InvalidOperationException($"`npm ci` failed with exit code {npm.ExitCode}.");
        }
    }

    private static Process StartProcess(string fileName, string[] arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (Output)
        {
            Output.AppendLine(line);
        }
    }

    private static async Task WaitUntilListeningAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with code {process.ExitCode} before listening.");
            }

            string text;
            lock (Output)
            {
                text = Output.ToString();
            }

            if (text.Contains("Prism is listening", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Prism did not start listening within {StartTimeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
