using Medallion.Threading.Postgres;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>The advisory lock key of a request: a 64-bit hash of the id with a prefix, to keep clear of other users' keys.</summary>
internal static class LeaseKeys
{
    public static PostgresAdvisoryLockKey For(string requestId)
        => new(PostgreSqlRequestLeaseProvider.KeyPrefix + requestId, allowHashing: true);
}
