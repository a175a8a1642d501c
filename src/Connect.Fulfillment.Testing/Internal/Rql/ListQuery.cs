using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>A parsed list query: a filter plus paging.</summary>
internal sealed class ListQuery
{
    public RqlNode? Filter { get; init; }

    public int? Limit { get; init; }

    public int Offset { get; init; }

    public bool Matches(JsonObject item) => Filter is null || Filter.Evaluate(item);

    /// <summary>Parses a raw (possibly percent-encoded) query string, with or without the leading '?'.</summary>
    public static ListQuery Parse(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return new ListQuery();
        }

        var text = QueryText.PercentDecode(rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery);
        var filters = new List<RqlNode>();
        int? limit = null;
        var offset = 0;
        foreach (var part in QueryText.SplitTopLevel(text, '&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = QueryText.IndexOfTopLevel(part, '=');
            var paren = part.IndexOf('(', StringComparison.Ordinal);
            if (eq <= 0 || (paren >= 0 && paren < eq))
            {
                if (new RqlParser(part).ParseSingle() is { } node)
                {
                    filters.Add(node);
                }

                continue;
            }

            var key = part[..eq];
            var value = part[(eq + 1)..];
            switch (key)
            {
                case "limit":
                    limit = ParseNonNegative(key, value);
                    break;
                case "offset":
                    offset = ParseNonNegative(key, value);
                    break;
                case "search":
                    break;
                default:
                    filters.Add(ParseParam(key, value));
                    break;
            }
        }

        return new ListQuery
        {
            Filter = filters.Count switch { 0 => null, 1 => filters[0], _ => RqlNode.And(filters) },
            Limit = limit,
            Offset = offset,
        };
    }

    /// <summary>A <c>key=value</c> or <c>key=op=value</c> parameter.</summary>
    private static RqlNode ParseParam(string key, string value)
    {
        var second = QueryText.IndexOfTopLevel(value, '=');
        if (second > 0 && IsIdentifier(value.AsSpan(0, second)))
        {
            return new RqlParser($"{value[..second]}({key},{value[(second + 1)..]})").ParseSingle() ?? RqlNode.Always;
        }

        RqlValue parsed;
        try
        {
            parsed = RqlParser.ParseValueText(value);
        }
        catch (RqlException)
        {
            // Plain params are not RQL: anything unparsable is a literal value.
            parsed = new RqlValue { Text = value };
        }

        return RqlNode.Compare("eq", key, parsed);
    }

    private static int ParseNonNegative(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new RqlException($"Invalid value for {key}: '{value}'.");

    private static bool IsIdentifier(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
