using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>What a finished sample process printed and returned.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>The processor's count lines: from the last line starting <c>approved: </c> to the end of stdout, which they must close.</summary>
    public string[] CountLines => StdoutLines.SkipWhile((_, i) => i < Array.FindLastIndex(StdoutLines, l => l.StartsWith("approved: ", StringComparison.Ordinal))).ToArray();

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Launches a built sample DLL with <c>dotnet</c>, isolated from the caller's configuration variables.</summary>
internal sealed partial class SampleProcess : IDisposable
{
    private static readonly string[] ConfigurationPrefixes = ["Connect__", "Vendor__", "Fulfillment__", "Logging__", "Worker__", "Telemetry__", "Coordination__", "Webhook__", "DOTNET_ENVIRONMENT", "ASPNETCORE_"];

    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(string dll, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        Assert.That(File.Exists(dll), Is.True, $"the sample is not built: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (ConfigurationPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string ProcessorDll => Metadata("ProcessorDll");

    public static string WorkerDll => Metadata("WorkerDll");

    public static string SandboxDll => Metadata("SandboxDll");

    public static string WebDll => Metadata("WebDll");

    public int Id => process.Id;

    public string Stdout
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static SampleProcess Start(string dll, IReadOnlyDictionary<string, string?>? environment = null, params string[] args)
        => new(dll, environment ?? new Dictionary<string, string?>(), args);

    public static async Task<ProcessResult> RunAsync(string dll, IReadOnlyDictionary<string, string?>? environment = null, params string[] args)
    {
        using var process = Start(dll, environment, args);
        return await process.WaitAsync(TimeSpan.FromSeconds(40));
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await exited.Task.WaitAsync(cancel.Token);
            await process.WaitForExitAsync(cancel.Token); // drains the output streams
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the sample did not exit within {timeout}.\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        }

        return new ProcessResult(process.ExitCode, Stdout, Stderr, clock.Elapsed);
    }

    /// <summary>Waits until stdout or stderr contains a text.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = clock.Elapsed + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal) && !Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || clock.Elapsed > deadline)
            {
                Assert.Fail($"'{text}' did not appear (exited: {process.HasExited}).\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a POSIX signal (SIGINT = 2, SIGTERM = 15) as Ctrl-C or a service manager would.</summary>
    public void Signal(int signal)
    {
        Assert.That(Kill(process.Id, signal), Is.Zero, $"kill({process.Id}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.Append(line).Append('\n');
        }
    }

    private static string Metadata(string key)
        => typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
