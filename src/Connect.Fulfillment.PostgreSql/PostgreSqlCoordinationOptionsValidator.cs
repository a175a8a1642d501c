using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql;

/// <summary>
/// Validates <see cref="PostgreSqlCoordinationOptions"/> at start-up; the generated code checks the data annotations and
/// calls the options' own rules (<see cref="Rules"/>, through <see cref="IValidatableObject"/>).
/// </summary>
[OptionsValidator]
internal sealed partial class PostgreSqlCoordinationOptionsValidator : IValidateOptions<PostgreSqlCoordinationOptions>
{
    internal static readonly TimeSpan MinDeadReplicaTimeout = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan MaxDeadReplicaTimeout = TimeSpan.FromHours(1);
    internal const int MaxConnectionCount = 64;

    /// <summary>Lists everything wrong with the options; empty when they are valid.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IReadOnlyList<string> Check(PostgreSqlCoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgreSqlCoordinationOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    /// <summary>The rules, checked through <see cref="IValidatableObject"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    internal static IEnumerable<string> Rules(PostgreSqlCoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = nameof(PostgreSqlCoordinationOptions) + ".";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            // Reported by the [Required] annotation.
        }
        else if (!IsReadable(options.ConnectionString, out var host))
        {
            // The text is never repeated: it may hold a password.
            yield return $"{Prefix}{nameof(options.ConnectionString)} is not a valid PostgreSQL (Npgsql) connection string.";
        }
        else if (string.IsNullOrWhiteSpace(host))
        {
            yield return $"{Prefix}{nameof(options.ConnectionString)} must name a Host.";
        }

        if (options.DeadReplicaTimeout < MinDeadReplicaTimeout || options.DeadReplicaTimeout > MaxDeadReplicaTimeout)
        {
            yield return $"{Prefix}{nameof(options.DeadReplicaTimeout)} must be between {MinDeadReplicaTimeout} and {MaxDeadReplicaTimeout}; got {options.DeadReplicaTimeout}.";
        }

        if (options.ConnectionCount is < 1 or > MaxConnectionCount)
        {
            yield return $"{Prefix}{nameof(options.ConnectionCount)} must be between 1 and {MaxConnectionCount}; got {options.ConnectionCount}.";
        }
    }

    private static bool IsReadable(string connectionString, out string? host)
    {
        try
        {
            host = new NpgsqlConnectionStringBuilder(connectionString).Host;
            return true;
        }
        catch (ArgumentException)
        {
            host = null;
            return false;
        }
    }
}
