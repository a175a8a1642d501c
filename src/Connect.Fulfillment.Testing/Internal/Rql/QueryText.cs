using System.Text;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>
/// Character-level helpers for a query string: percent-decoding and finding separators outside quoted values and
/// parentheses. Quoted values follow CloudBlue's lib-rql grammar: <c>"…"</c> or <c>'…'</c>, with no escapes.
/// </summary>
internal static class QueryText
{
    /// <summary>Decodes %XX sequences as UTF-8; like Connect, the whole query is decoded before it is parsed.</summary>
    public static string PercentDecode(string s)
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

    public static bool IsQuote(char c) => c is '"' or '\'';

    /// <summary>Splits on a separator that stands outside quoted values and parentheses.</summary>
    public static List<string> SplitTopLevel(string s, char separator)
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

    public static int IndexOfTopLevel(string s, char target)
    {
        var positions = TopLevelPositions(s, target, out _);
        return positions.Count > 0 ? positions[0] : -1;
    }

    private static List<int> TopLevelPositions(string s, char target, out bool unterminatedQuote)
    {
        var positions = new List<int>();
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (quote != '\0')
            {
                // No escapes: only the same kind of quote ends the value.
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (IsQuote(c))
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == target && depth == 0)
            {
                positions.Add(i);
            }
        }

        unterminatedQuote = quote != '\0';
        return positions;
    }
}
