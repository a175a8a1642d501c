using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Usage;

/// <summary>
/// The vendor adapter of usage reporting: returns what one subscription consumed in one period, usually read from the
/// vendor's own API. Records are read as a stream, one asset at a time, so a source may yield as it pages its API.
/// </summary>
public interface IUsageSource
{
    /// <summary>Returns the usage records of an asset for a period.</summary>
    /// <param name="asset">The asset (subscription), with its items and parameters.</param>
    /// <param name="period">The period.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records; none when the asset consumed nothing.</returns>
    IAsyncEnumerable<UsageRecord> GetUsageAsync(Asset asset, UsagePeriod period, CancellationToken cancellationToken = default);
}
