using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>A comparison of a dotted field with a value; arrays on the field's path match when any element does.</summary>
internal sealed class RqlComparison(string op, string[] path, RqlValue value) : RqlNode
{
    public override bool Evaluate(JsonObject item)
    {
        var values = new List<string?>(1);
        JsonPath.Collect(item, path, 0, values);
        switch (op)
        {
            case "eq":
            case "in":
                return values.Exists(value.MatchesScalar);
            case "ne":
            case "out":
                return !values.Exists(value.MatchesScalar);
            case "like":
                return values.Exists(v => v is not null && Wildcard.IsMatch(v, value.Text ?? string.Empty, ignoreCase: false));
            case "ilike":
                return values.Exists(v => v is not null && Wildcard.IsMatch(v, value.Text ?? string.Empty, ignoreCase: true));
            default:
                return values.Exists(v => v is not null && value.Text is not null && CompareOrdered(v, value.Text));
        }
    }

    private bool CompareOrdered(string actual, string expected)
    {
        int cmp;
        if (decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            cmp = a.CompareTo(b);
        }
        else if (DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
            && DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
        {
            cmp = da.CompareTo(db);
        }
        else
        {
            cmp = string.CompareOrdinal(actual, expected);
        }

        return op switch { "lt" => cmp < 0, "le" => cmp <= 0, "gt" => cmp > 0, _ => cmp >= 0 };
    }
}
