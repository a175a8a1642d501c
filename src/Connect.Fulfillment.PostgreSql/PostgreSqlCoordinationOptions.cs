using System.ComponentModel.DataAnnotations;

namespace Connect.Fulfillment.PostgreSql;

/// <summary>Settings of the PostgreSQL request leases; validated at start-up.</summary>
public sealed class PostgreSqlCoordinationOptions : IValidatableObject
{
    /// <summary>The configuration section the samples and the <c>IConfiguration</c> examples use: <c>Coordination:PostgreSql</c>.</summary>
    public const string SectionName = "Coordination:PostgreSql";

    /// <summary>
    /// The connection string (Npgsql format, for example <c>Host=db;Database=app;Username=app;Password=…</c>). Every
    /// replica that shares the requests must point at the same database. Required.
    /// </summary>
    [Required(ErrorMessage = "PostgreSqlCoordinationOptions.ConnectionString must be set (for example Host=db;Database=app;Username=app;Password=…).")]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long the database may take to notice that a replica is gone without closing its connection (a machine or
    /// network that vanished), after which its leases end and other replicas take its requests. Set on each lease
    /// connection as the server's TCP keepalive and client-connection check (5 seconds to 1 hour); the replica itself
    /// checks each of its lease connections every tenth of it. Default 30 seconds.
    /// A replica whose process ends closes its connection, and its leases end at once.
    /// </summary>
    public TimeSpan DeadReplicaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many connections a replica holds its leases on (1 to 64). They are long-lived and shared by all the
    /// replica's leases, each running one command at a time, so a few serve many concurrent requests; count them in
    /// the server's <c>max_connections</c> once per replica. Default 4.
    /// </summary>
    public int ConnectionCount { get; set; } = 4;

    /// <summary>Checks the rules; each failure names the setting at fault and never repeats the connection string.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>One result per problem.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
        => PostgreSqlCoordinationOptionsValidator.Rules(this).Select(static message => new ValidationResult(message));
}
