using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>
/// A throw-away PostgreSQL server started from the machine's binaries: <c>initdb</c> into a temporary folder and
/// <c>pg_ctl</c> on 127.0.0.1 with a free port. The server refuses to run as root, so under root every command runs as
/// the <c>postgres</c> user, which then owns the folder. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string binaries;
    private readonly string folder;
    private readonly bool asPostgresUser;

    private PostgreSqlServer(string binaries, string folder, int port, bool asPostgresUser)
    {
        this.binaries = binaries;
        this.folder = folder;
        Port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>Where the binaries are, or null with the reason they could not be found.</summary>
    public static (string? Binaries, string Reason) FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRESQL_BIN");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(configured);
        }

        const string Root = "/usr/lib/postgresql";
        if (Directory.Exists(Root))
        {
            // Version 15 first (what the issue names), then the newest other.
            candidates.AddRange(Directory.GetDirectories(Root)
                .OrderByDescending(d => Path.GetFileName(d) == "15")
                .ThenByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        var found = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")));
        return found is null
            ? (null, $"no PostgreSQL server binaries (initdb, pg_ctl) in {Root}/*/bin or $POSTGRESQL_BIN; install the Debian package postgresql")
            : (found, string.Empty);
    }

    public static async Task<PostgreSqlServer> StartAsync(string binaries)
    {
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "connect-fulfillment-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var server = new PostgreSqlServer(binaries, folder, FreePort(), asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                await server.RunAsync("chown", false, "-R", "postgres:postgres", folder);
            }

            await server.RunAsync(Path.Combine(binaries, "initdb"), server.asPostgresUser, "-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string applicationName)
        => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            ApplicationName = applicationName,
            Timeout = 5,

            // The tests stop the server and end sessions: a pooled connection would outlive them, broken.
            Pooling = false,
        }.ConnectionString;

    /// <summary>Ends every session of an application, as a replica's connection dying would.</summary>
    public async Task<int> TerminateAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("test-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", applicationName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many advisory locks the server holds.</summary>
    public async Task<int> AdvisoryLocksAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("test-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task StopServerAsync() => RunAsync(Path.Combine(binaries, "pg_ctl"), asPostgresUser, "-D", DataFolder, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => RunAsync(
        Path.Combine(binaries, "pg_ctl"),
        asPostgresUser,
        "-D",
        DataFolder,
        "-l",
        Path.Combine(folder, "server.log"),
        "-w",
        "-o",
        $"-p {Port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c max_connections=200",
        "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(binaries, "pg_ctl"), asPostgresUser, "-D", DataFolder, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not end within {CommandTimeout}");
        }

        if (process.ExitCode != 0)
        {
            var log = Path.Combine(folder, "server.log");
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}"
                + (File.Exists(log) ? "\nserver log:\n" + await File.ReadAllTextAsync(log) : string.Empty));
        }
    }
}
