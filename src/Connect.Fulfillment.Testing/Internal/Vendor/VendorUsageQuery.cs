using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Vendor;

/// <summary>The <c>from</c> and <c>to</c> of a usage call: both UTC ISO 8601 instants (<c>…Z</c> or <c>…+00:00</c>), from before to.</summary>
internal static class VendorUsageQuery
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>Why the query is refused, or null when both instants are valid.</summary>
    public static string? Check(IQueryCollection query)
    {
        var from = Parse(query, "from", out var problem);
        if (problem is not null)
        {
            return problem;
        }

        var to = Parse(query, "to", out problem);
        if (problem is not null)
        {
            return problem;
        }

        return from < to ? null : "from must be before to.";
    }

    private static DateTimeOffset Parse(IQueryCollection query, string name, out string? problem)
    {
        problem = null;
        if (!query.TryGetValue(name, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            problem = $"{name} is required once, as a UTC ISO 8601 instant such as 2026-11-01T00:00:00Z.";
            return default;
        }

        var text = values[0]!;
        var utc = text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal);
        if (!utc || !DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            problem = $"{name} \"{text}\" is not a UTC ISO 8601 instant such as 2026-11-01T00:00:00Z.";
            return default;
        }

        return instant;
    }
}
