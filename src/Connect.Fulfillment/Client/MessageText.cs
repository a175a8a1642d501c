using System.Globalization;
using System.Text;

namespace Connect.Fulfillment;

/// <summary>
/// Text that came from the other side, made safe: for a conversation message (control characters removed, length
/// capped), or for a log line, an exception message or a summary (escaped onto one printable line).
/// </summary>
internal static class MessageText
{
    public static string Sanitize(string text, int maxLength)
    {
        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                clean.Append(c);
            }
        }

        if (clean.Length > maxLength)
        {
            clean.Length = maxLength - 1;
            if (clean.Length > 0 && char.IsHighSurrogate(clean[^1]))
            {
                clean.Length--;
            }

            clean.Append('…');
        }

        return clean.ToString();
    }

    /// <summary>
    /// Makes text printable on one line, so that a server's error message, a request type or a handler's reason cannot
    /// forge lines or terminal escapes in a summary or a log: CR, LF and tab become <c>\r</c>, <c>\n</c>, <c>\t</c>;
    /// other control characters (ESC included), format characters (bidirectional overrides, zero-width characters),
    /// line and paragraph separators and unpaired surrogates become <c>\uXXXX</c>. Other characters, accented letters
    /// and symbols such as <c>…</c> included, are kept. Escaping twice changes nothing more.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text; the same instance when nothing needed escaping.</returns>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                escaped.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '\r' => escaped.Append("\\r"),
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append("\\t"),
                _ when IsUnsafe(c) => escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c) => c < ' ' || (c >= '\u007F' && CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned);
}
