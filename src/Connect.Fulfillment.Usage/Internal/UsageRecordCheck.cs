using System.Globalization;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>The checks every record passes before it is written: the reasons are meant to be read by a person.</summary>
internal static class UsageRecordCheck
{
    /// <summary>Why an asset cannot carry usage of the product, or null when it can.</summary>
    public static string? CheckAsset(Asset asset, string productId)
        => string.Equals(asset.Product?.Id, productId, StringComparison.Ordinal)
            ? null
            : $"asset {asset.Id} belongs to product {asset.Product?.Id ?? "(none)"}, not {productId}";

    /// <summary>Why a record is rejected, or null when it is valid; the times to write come back in UTC.</summary>
    public static string? Check(UsageRecord? record, Asset asset, UsagePeriod period, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = period.Start;
        end = period.End.AddSeconds(-1);
        if (record is null)
        {
            return "the usage source returned a null record";
        }

        if (string.IsNullOrWhiteSpace(record.Mpn))
        {
            return "the record has no item MPN";
        }

        if (!HasItem(asset, record.Mpn))
        {
            return $"item MPN \"{record.Mpn}\" is not an item of asset {asset.Id}";
        }

        if (record.Quantity < 0)
        {
            return "quantity " + record.Quantity.ToString(CultureInfo.InvariantCulture) + " is negative";
        }

        start = (record.StartTime ?? period.Start).ToUniversalTime();
        end = (record.EndTime ?? period.End.AddSeconds(-1)).ToUniversalTime();
        if (!period.Contains(start))
        {
            return $"start time {Text(start)} is outside the period {period} ({Text(period.Start)} to {Text(period.End)})";
        }

        if (end < period.Start || end > period.End)
        {
            return $"end time {Text(end)} is outside the period {period} ({Text(period.Start)} to {Text(period.End)})";
        }

        return end < start ? $"end time {Text(end)} is before start time {Text(start)}" : null;
    }

    // A loop, not Any with a lambda: this runs for every record, and the closure and enumerator were garbage each time.
    private static bool HasItem(Asset asset, string mpn)
    {
        var items = asset.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Mpn, mpn, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
