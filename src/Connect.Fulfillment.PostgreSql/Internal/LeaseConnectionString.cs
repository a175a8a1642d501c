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
            // A lease connection is closed when it is lost, and closing must end the session and every lock in it.
            // A pooled one would go back to the pool still holding them (Npgsql resets a pooled session only when it
            // is next used), and its state would say "closed" while the session lives on.
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

        // Npgsql's own keepalive query is not used: LeaseConnection checks its connections on the provider's clock.
        if (builder.TcpKeepAliveTime == 0)
        {
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = Math.Max(1, seconds / 3);
            builder.TcpKeepAliveInterval = Math.Max(1, seconds / 6);
        }

        return builder.ConnectionString;
    }
}
