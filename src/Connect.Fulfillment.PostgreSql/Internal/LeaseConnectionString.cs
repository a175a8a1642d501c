using System.Globalization;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>
/// The connection string the lease connections use: the configured one without pooling, plus the settings that bound
/// how long a vanished replica keeps its leases, unless the configured one already sets them.
/// </summary>
internal static class LeaseConnectionString
{
    public const string DefaultApplicationName = "Connect.Fulfillment leases";

    public static string For(string configured, TimeSpan deadReplicaTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured)
        {
            // A lease's connection is closed when the lease is released, and closing must end the session (and any
            // lock a failed release left in it) rather than park it in a pool.
            Pooling = false,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = DefaultApplicationName;
        }

        // The server probes an idle peer after a third of the timeout, then every sixth, and gives up after four
        // unanswered probes; the client-connection check does the same for a session busy with a query.
        var seconds = (int)Math.Max(1, deadReplicaTimeout.TotalSeconds);
        var settings = new (string Name, int Value)[]
        {
            ("tcp_keepalives_idle", Math.Max(1, seconds / 3)),
            ("tcp_keepalives_interval", Math.Max(1, seconds / 6)),
            ("tcp_keepalives_count", 4),
            ("client_connection_check_interval", Math.Max(1000, seconds * 1000 / 6)),
        };
        var options = builder.Options ?? string.Empty;
        foreach (var (name, value) in settings)
        {
            if (!options.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                options += string.Create(CultureInfo.InvariantCulture, $" -c {name}={value}");
            }
        }

        builder.Options = options.Trim();

        // The client checks its idle lease connections, so that a session the server ended (a restart, an
        // administrator, a network cut) is noticed as a lost lease within a few seconds.
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = Math.Clamp(seconds / 10, 1, 30);
        }

        if (builder.TcpKeepAliveTime == 0)
        {
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = Math.Max(1, seconds / 3);
            builder.TcpKeepAliveInterval = Math.Max(1, seconds / 6);
        }

        return builder.ConnectionString;
    }
}
