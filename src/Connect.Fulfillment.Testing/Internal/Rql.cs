using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal;

/// <summary>Thrown when a query string cannot be parsed or uses an unsupported operator.</summary>
internal sealed class RqlException(string message) : Exception(message);

/// <summary>A parsed list query: a filter plus paging.</summary>
internal sealed class ListQuery
{
    public RqlFilter? Filter { get; init; }

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

        var text = PercentDecode(rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery);
        var filters = new List<RqlFilter>();
        int? limit = null;
        var offset = 0;
        foreach (var part in SplitTopLevel(text, '&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = IndexOfTopLevel(part, '=');
            var paren = part.IndexOf('(', StringComparison.Ordinal);
            if (eq > 0 && (paren < 0 || eq < paren))
            {
                var key = part[..eq];
                var value = part[(eq + 1)..];
                switch (key)
                {
                    case "limit":
                        limit = ParseNonNegative(key, value);
                        continue;
                    case "offset":
                        offset = ParseNonNegative(key, value);
                        continue;
                    case "search":
                        continue;
                }

                // key=op=value form (e.g. status=eq=pending, status=in=(a,b)).
                var second = IndexOfTopLevel(value, '=');
                if (second > 0 && IsIdentifier(value.AsSpan(0, second)))
                {
                    var op = value[..second];
                    var rest = value[(second + 1)..];
                    filters.Add(new RqlParser($"{op}({key},{rest})").ParseSingle() ?? new RqlFilter.True());
                }
                else
                {
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

                    filters.Add(RqlFilter.Compare("eq", key, parsed));
                }

                continue;
            }

            var node = new RqlParser(part).ParseSingle();
            if (node is not null)
            {
                filters.Add(node);
            }
        }

        return new ListQuery
        {
            Filter = filters.Count switch { 0 => null, 1 => filters[0], _ => RqlFilter.And(filters) },
            Limit = limit,
            Offset = offset,
        };
    }

    private static int ParseNonNegative(string key, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new RqlException($"Invalid value for {key}: '{value}'.");
        }

        return n;
    }

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

    internal static string PercentDecode(string s)
    {
        if (s.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return s;
        }

        var bytes = new List<byte>(s.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(s[i + 1]) << 4) | Uri.FromHex(s[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var rune = char.IsHighSurrogate(c) && i + 1 < s.Length ? new Rune(c, s[++i]) : new Rune(c);
                var n = rune.EncodeToUtf8(utf8);
                for (var k = 0; k < n; k++)
                {
                    bytes.Add(utf8[k]);
                }
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Splits on a separator that is outside double quotes and outside parentheses.</summary>
    internal static List<string> SplitTopLevel(string s, char separator)
    {
        var positions = TopLevelPositions(s, separator, out var unterminated);
        if (unterminated)
        {
            throw new RqlException("Unterminated quoted value in query.");
        }

        var result = new List<string>(positions.Count + 1);
        var start = 0;
        foreach (var position in positions)
        {
            result.Add(s[start..position]);
            start = position + 1;
        }

        result.Add(s[start..]);
        return result;
    }

    private static int IndexOfTopLevel(string s, char target)
    {
        var positions = TopLevelPositions(s, target, out _);
        return positions.Count > 0 ? positions[0] : -1;
    }

    /// <summary>Where <paramref name="target"/> stands outside quoted values and parentheses.</summary>
    private static List<int> TopLevelPositions(string s, char target, out bool unterminatedQuote)
    {
        var positions = new List<int>();
        var depth = 0;
        var inQuotes = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                default:
                    if (c == target && depth == 0)
                    {
                        positions.Add(i);
                    }

                    break;
            }
        }

        unterminatedQuote = inQuotes;
        return positions;
    }
}

/// <summary>A value in an RQL expression: a scalar, <c>null()</c>, <c>empty()</c> or a list.</summary>
internal sealed class RqlValue
{
    public static readonly RqlValue Null = new() { IsNull = true };
    public static readonly RqlValue Empty = new() { IsEmpty = true };

    public string? Text { get; init; }

    public bool IsNull { get; init; }

    public bool IsEmpty { get; init; }

    public List<RqlValue>? Items { get; init; }

    public bool MatchesScalar(string? actual)
    {
        if (IsNull)
        {
            return actual is null;
        }

        if (IsEmpty)
        {
            return string.IsNullOrEmpty(actual);
        }

        if (Items is not null)
        {
            return Items.Exists(i => i.MatchesScalar(actual));
        }

        return actual is not null && string.Equals(actual, Text, StringComparison.Ordinal);
    }
}

/// <summary>A compiled RQL filter node.</summary>
internal abstract class RqlFilter
{
    public abstract bool Evaluate(JsonObject item);

    public static RqlFilter And(List<RqlFilter> parts) => new Logical(parts, isAnd: true);

    public static RqlFilter Or(List<RqlFilter> parts) => new Logical(parts, isAnd: false);

    public static RqlFilter Compare(string op, string field, RqlValue value) => op switch
    {
        "eq" or "ne" or "in" or "out" or "like" or "ilike" or "lt" or "le" or "gt" or "ge" => new Comparison(op, field.Split('.'), value),
        _ => throw new RqlException($"Unsupported RQL operator '{op}'."),
    };

    private sealed class Logical(List<RqlFilter> parts, bool isAnd) : RqlFilter
    {
        public override bool Evaluate(JsonObject item)
        {
            foreach (var p in parts)
            {
                if (p.Evaluate(item) != isAnd)
                {
                    return !isAnd;
                }
            }

            return isAnd;
        }
    }

    internal sealed class Not(RqlFilter inner) : RqlFilter
    {
        public override bool Evaluate(JsonObject item) => !inner.Evaluate(item);
    }

    internal sealed class True : RqlFilter
    {
        public override bool Evaluate(JsonObject item) => true;
    }

    private sealed class Comparison(string op, string[] path, RqlValue value) : RqlFilter
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
}

/// <summary>Recursive-descent parser for one RQL expression (already percent-decoded).</summary>
internal sealed class RqlParser(string text)
{
    private int _pos;

    public static RqlValue ParseValueText(string raw)
    {
        var p = new RqlParser(raw);
        var v = p.ParseValue();
        if (p._pos != raw.Length)
        {
            throw new RqlException($"Unexpected characters in value '{raw}'.");
        }

        return v;
    }

    /// <summary>Parses a whole expression; returns null for ignored calls such as select() and ordering().</summary>
    public RqlFilter? ParseSingle()
    {
        var f = ParseCall();
        if (_pos != text.Length)
        {
            throw new RqlException($"Unexpected characters at position {_pos} in '{text}'.");
        }

        return f;
    }

    private RqlFilter? ParseCall()
    {
        var name = ReadName();
        Expect('(');
        RqlFilter? result;
        switch (name)
        {
            case "and":
            case "or":
                {
                    var parts = new List<RqlFilter>();
                    if (Peek() != ')')
                    {
                        do
                        {
                            var f = ParseCall();
                            if (f is not null)
                            {
                                parts.Add(f);
                            }
                        }
                        while (TryConsume(','));
                    }

                    result = parts.Count == 0 ? new RqlFilter.True() : name == "and" ? RqlFilter.And(parts) : RqlFilter.Or(parts);
                    break;
                }

            case "not":
                result = new RqlFilter.Not(ParseCall() ?? new RqlFilter.True());
                break;
            case "select":
            case "ordering":
            case "sort":
            case "limit":
                SkipBalanced();
                Expect(')');
                return null;
            default:
                {
                    var field = ReadBare();
                    if (field.Length == 0)
                    {
                        throw new RqlException($"Missing field name in {name}().");
                    }

                    Expect(',');
                    var value = ParseValue();
                    result = RqlFilter.Compare(name, field, value);
                    break;
                }
        }

        Expect(')');
        return result;
    }

    private RqlValue ParseValue()
    {
        var c = Peek();
        if (c == '(')
        {
            _pos++;
            var items = new List<RqlValue>();
            if (Peek() != ')')
            {
                do
                {
                    items.Add(ParseValue());
                }
                while (TryConsume(','));
            }

            Expect(')');
            return new RqlValue { Items = items };
        }

        if (c == '"')
        {
            return new RqlValue { Text = ReadQuoted() };
        }

        var bare = ReadBare();
        if (Peek() == '(')
        {
            // null() / empty()
            _pos++;
            Expect(')');
            return bare switch
            {
                "null" => RqlValue.Null,
                "empty" => RqlValue.Empty,
                _ => throw new RqlException($"Unsupported value function '{bare}()'."),
            };
        }

        return new RqlValue { Text = bare };
    }

    private string ReadQuoted()
    {
        Expect('"');
        var sb = new StringBuilder();
        while (_pos < text.Length)
        {
            var c = text[_pos++];
            if (c == '\\' && _pos < text.Length)
            {
                sb.Append(text[_pos++]);
            }
            else if (c == '"')
            {
                return sb.ToString();
            }
            else
            {
                sb.Append(c);
            }
        }

        throw new RqlException("Unterminated quoted value.");
    }

    private string ReadName()
    {
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw new RqlException($"Expected an RQL operator at position {_pos} in '{text}'.");
        }

        return text[start.._pos];
    }

    private string ReadBare()
    {
        var start = _pos;
        while (_pos < text.Length && text[_pos] is not (',' or '(' or ')' or '"'))
        {
            _pos++;
        }

        return text[start.._pos];
    }

    private void SkipBalanced()
    {
        var depth = 1;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '"')
            {
                ReadQuoted();
                continue;
            }

            _pos++;
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                _pos--;
                return;
            }
        }

        throw new RqlException("Unbalanced parentheses in query.");
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';

    private bool TryConsume(char c)
    {
        if (Peek() == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw new RqlException($"Expected '{c}' at position {_pos} in '{text}'.");
        }
    }
}

/// <summary>Dotted-path lookup into stored JSON; arrays on the way are searched element-wise.</summary>
internal static class JsonPath
{
    public static void Collect(JsonNode? node, string[] path, int index, List<string?> values)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Collect(element, path, index, values);
            }

            return;
        }

        if (index == path.Length)
        {
            values.Add(ScalarText(node));
            return;
        }

        if (node is JsonObject obj)
        {
            if (obj.TryGetPropertyValue(path[index], out var child))
            {
                Collect(child, path, index + 1, values);
            }
            else if (index == path.Length - 1)
            {
                values.Add(null);
            }
        }
        else if (node is null)
        {
            values.Add(null);
        }
    }

    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return node?.ToJsonString();
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => v.ToJsonString(),
        };
    }

    public static string? GetString(JsonNode? node, string dottedPath)
    {
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return ScalarText(node);
    }
}

/// <summary>Glob matching with '*' as the only wildcard.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string input, string pattern, bool ignoreCase)
    {
        var cmp = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(input, pattern, cmp);
        }

        var pos = 0;
        if (!input.StartsWith(parts[0], cmp))
        {
            return false;
        }

        pos = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            var found = input.IndexOf(parts[i], pos, cmp);
            if (found < 0)
            {
                return false;
            }

            pos = found + parts[i].Length;
        }

        var last = parts[^1];
        return input.Length - pos >= last.Length && input.EndsWith(last, cmp);
    }
}
