using System.Globalization;
using System.Text;

namespace Connect.Fulfillment.Samples.Web;

/// <summary>
/// The syntax of a DNS name as the customer types it (RFC 1034 §3.5 "preferred name syntax", RFC 1123 §2.1): labels of
/// ASCII letters, digits and hyphens separated by dots, each 1 to 63 characters, not starting or ending with a hyphen;
/// at most 253 characters in all; the last label (the top-level domain) of at least two letters and letters only.
/// </summary>
/// <remarks>
/// Decisions where the RFCs leave room: letters of either case are accepted (DNS compares names ignoring case); a
/// trailing dot (the absolute form <c>example.com.</c>) is refused, since the customer is asked for a domain and the
/// dot is almost always a slip; a single label of letters (<c>localhost</c>) is accepted, as nothing in the rule asks
/// for a dot; letters outside ASCII are refused (an internationalized name is entered in its <c>xn--</c> form, and a
/// top-level domain in that form is refused too, as it is not letters only); nothing is trimmed, so a space is named.
/// </remarks>
internal static class DnsName
{
    /// <summary>The longest label, in characters.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The longest name, in characters (without a trailing dot).</summary>
    public const int MaxLength = 253;

    /// <summary>Checks a value.</summary>
    /// <param name="value">What the customer typed; null counts as empty.</param>
    /// <returns>Null when the value is a valid DNS name, else one sentence saying what is wrong, for the customer.</returns>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Enter a domain name, such as example.com.";
        }

        if (value.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The domain name is {value.Length} characters long; it may have at most {MaxLength}.");
        }

        if (value.EndsWith('.'))
        {
            return "The domain name ends with a dot; leave the final dot out (example.com, not example.com.).";
        }

        var labels = value.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            if (LabelProblem(labels[i], i, labels.Length) is { } problem)
            {
                return problem;
            }
        }

        var last = labels[^1];
        return last.Length < 2 || !last.All(char.IsAsciiLetter)
            ? $"The domain name must end with a top-level domain of at least two letters (such as .com or .io); '{last}' is not one."
            : null;
    }

    /// <summary>Whether the value is a valid DNS name.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when <see cref="Problem"/> finds nothing.</returns>
    public static bool IsValid(string? value) => Problem(value) is null;

    private static string? LabelProblem(string label, int index, int count)
    {
        if (label.Length == 0)
        {
            return index == 0
                ? "The domain name starts with a dot; remove it."
                : "The domain name has two dots in a row; each part between dots must have at least one character.";
        }

        if (label.Length > MaxLabelLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The part '{Shorten(label)}' is {label.Length} characters long; each part between dots may have at most {MaxLabelLength}.");
        }

        foreach (var c in label.EnumerateRunes())
        {
            if (!(c.IsAscii && (char.IsAsciiLetterOrDigit((char)c.Value) || c.Value == '-')))
            {
                return $"The domain name contains {Name(c)}, which is not allowed: use only letters a-z, digits 0-9, hyphens and dots.";
            }
        }

        if (label[0] == '-')
        {
            return $"The part '{Shorten(label)}' starts with a hyphen; a part may not start or end with one.";
        }

        return label[^1] == '-'
            ? $"The part '{Shorten(label)}' ends with a hyphen; a part may not start or end with one."
            : null;
    }

    /// <summary>Names a refused character so that the customer can find it, even when it is invisible.</summary>
    private static string Name(Rune c) => c.Value switch
    {
        ' ' => "a space",
        '_' => "an underscore ('_')",
        _ when Rune.IsControl(c) || Rune.IsWhiteSpace(c) || Rune.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Surrogate
            => string.Create(CultureInfo.InvariantCulture, $"the invisible character U+{c.Value:X4}"),
        _ when !c.IsAscii => string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{c.Value:X4}; write an internationalized name in its xn-- form)"),
        _ => $"'{c}'",
    };

    private static string Shorten(string label) => label.Length <= 20 ? label : label[..20] + "…";
}
