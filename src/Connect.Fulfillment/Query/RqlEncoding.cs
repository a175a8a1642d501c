using System.Text;

namespace Connect.Fulfillment.Query;

/// <summary>Percent-encodes RQL text for a URL query, keeping the RQL syntax characters readable.</summary>
internal static class RqlEncoding
{
    public static string Encode(string text)
    {
        if (text.All(IsKept))
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsKept(c))
            {
                encoded.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static bool IsKept(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '(' or ')' or ',' or ':' or '*' or '@';
}
