using System.Globalization;
using System.Text;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Keeps the keys the samples know (the Connect key and the vendor key) out of text that carries what the other side
/// sent — a vendor error that echoes its bearer key must not become a Connect fail reason, a log line or a printed
/// summary — and makes such text printable on one line. Immutable and thread-safe.
/// </summary>
public sealed class SecretMask
{
    /// <summary>What a key is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values would also match ordinary words.
    private const int MinLength = 4;

    private readonly string[] values;

    private SecretMask(string[] values) => this.values = values;

    /// <summary>
    /// A mask for API keys in the forms they come back in: as configured and trimmed, without an <c>ApiKey </c> or
    /// <c>Bearer </c> prefix, and the token after the last colon of a Connect key (<c>SU-…:token</c>) when it is not short.
    /// </summary>
    /// <param name="keys">The keys; null and empty ones are ignored.</param>
    /// <returns>The mask.</returns>
    public static SecretMask ForKeys(params string?[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var forms = new List<string>();
        foreach (var configured in keys)
        {
            var key = configured?.Trim() ?? string.Empty;
            foreach (var prefix in (string[])["ApiKey ", "Bearer "])
            {
                if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    key = key[prefix.Length..].Trim();
                }
            }

            forms.Add(key);
            var colon = key.LastIndexOf(':');
            if (colon >= 0 && key.Length - colon - 1 >= 8)
            {
                forms.Add(key[(colon + 1)..]);
            }
        }

        // Longest first, so that a key containing another is replaced whole.
        return new SecretMask([.. forms.Where(f => f.Length >= MinLength).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length)]);
    }

    /// <summary>Replaces every key in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without keys.</returns>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Replaces every key, then escapes the text onto one printable line (see <see cref="OneLine"/>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, safe to print.</returns>
    public string Clean(string? text) => OneLine(text is null ? null : Apply(text));

    /// <summary>
    /// Escapes a text onto one printable line: CR, LF and tab become <c>\r</c>, <c>\n</c>, <c>\t</c>; other control
    /// characters (ESC included), format characters (bidirectional overrides) and line separators become
    /// <c>\uXXXX</c>; other characters are kept. Escaping twice changes nothing more.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            var replacement = c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < ' ' || (c >= '\u007F' && IsUnsafe(CharUnicodeInfo.GetUnicodeCategory(c))) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (replacement is not null)
            {
                escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
                escaped.Append(replacement);
            }
            else
            {
                escaped?.Append(c);
            }
        }

        return escaped?.ToString() ?? text;
    }

    private static bool IsUnsafe(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
