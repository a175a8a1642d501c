using System.Globalization;
using System.Text;

namespace Connect.Fulfillment.Models.Internal;

/// <summary>
/// Checks ids that come from Connect (requests <c>PR-…</c>, tier configuration requests <c>TCR-…</c>, assets
/// <c>AS-…</c>, products <c>PRD-…</c>, templates <c>TL-…</c>, …) before they go into a path, a header, a log line or a
/// summary, and escapes the ones that fail so they can be reported safely.
/// </summary>
internal static class ConnectIds
{
    /// <summary>The longest id accepted; Connect's ids are about 20 characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The prefix of asset ids (<c>AS-…</c>).</summary>
    public const string AssetPrefix = "AS";

    /// <summary>The prefix of product ids (<c>PRD-…</c>).</summary>
    public const string ProductPrefix = "PRD";

    /// <summary>The prefix of template ids (<c>TL-…</c>).</summary>
    public const string TemplatePrefix = "TL";

    /// <summary>The prefix of tier configuration ids (<c>TC-…</c>).</summary>
    public const string TierConfigurationPrefix = "TC";

    /// <summary>
    /// Whether <paramref name="id"/> has the shape of a Connect id: an upper-case letter prefix, <c>-</c>, then only
    /// ASCII letters, digits and <c>-</c>, at most <see cref="MaxLength"/> characters. Unknown prefixes are accepted,
    /// so new object types keep working; anything that could break out of a path segment or a header never is.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is safe to use.</returns>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < id.Length && char.IsAsciiLetterUpper(id[prefix]))
        {
            prefix++;
        }

        if (prefix == 0 || prefix >= id.Length - 1 || id[prefix] != '-')
        {
            return false;
        }

        for (var index = prefix + 1; index < id.Length; index++)
        {
            var c = id[index];
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="id"/> is a valid Connect id (see <see cref="IsValid(string?)"/>) of the object type whose
    /// prefix is <paramref name="prefix"/>, such as <c>AS</c> in <c>AS-1234-5678-9012</c>. The groups after the prefix
    /// are not counted: Connect's own payloads carry them in several lengths (<c>AS-000-000-000-002</c>,
    /// <c>AS-4405-9454-9305</c>) and no source fixes them.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <param name="prefix">The expected prefix, without the <c>-</c>.</param>
    /// <returns>Whether it is safe to use as an id of that type.</returns>
    public static bool IsValid(string? id, string prefix)
        => IsValid(id) && id!.Length > prefix.Length + 1 && id[prefix.Length] == '-' && id.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// Makes text from the wire printable on one line: CR, LF and tab become <c>\r</c>, <c>\n</c>, <c>\t</c>, any other
    /// character outside printable ASCII becomes <c>\uXXXX</c>. Escaping twice changes nothing more.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text; the same instance when nothing needed escaping.</returns>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => escaped.Append("\\r"),
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append("\\t"),
                >= ' ' and <= '~' => escaped.Append(c),
                _ => escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
            };
        }

        return escaped.ToString();
    }
}
