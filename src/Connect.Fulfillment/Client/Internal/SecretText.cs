using System.Text;

namespace Connect.Fulfillment.Client.Internal;

/// <summary>
/// The secrets a client knows (its own API key) and the means to keep them out of any text that carries what the
/// other side sent or what we send back: a server that echoes the <c>Authorization</c> header in an error page must
/// not make the key appear in an exception, a log line, a summary or a fail reason. Each occurrence becomes
/// <see cref="Mask"/>. Immutable and thread-safe.
/// </summary>
internal sealed class SecretText
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // A shorter value would also match ordinary words; the whole key is never that short in practice.
    private const int MinLength = 4;

    // The part after the colon of "SU-…:token" is the secret; alone it is worth hiding only when it is not trivially short.
    private const int MinTokenLength = 8;

    private readonly string[] values;

    private SecretText(string[] values) => this.values = values;

    /// <summary>Nothing to hide.</summary>
    public static SecretText None { get; } = new([]);

    /// <summary>Whether there is nothing to hide.</summary>
    public bool IsEmpty => values.Length == 0;

    /// <summary>
    /// The forms in which an API key may come back: with and without the <c>ApiKey </c> prefix, its token part (after
    /// the last colon), URL-encoded, and base64 (as a server would echo a Basic header).
    /// </summary>
    /// <param name="apiKey">The key, with or without the <c>ApiKey </c> prefix.</param>
    /// <returns>The masker.</returns>
    public static SecretText ForApiKey(string? apiKey)
    {
        var key = apiKey?.Trim() ?? string.Empty;
        if (key.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            key = key[7..].Trim();
        }

        if (key.Length == 0)
        {
            return None;
        }

        var forms = new List<string> { "ApiKey " + key, key, Uri.EscapeDataString(key), Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) };
        var colon = key.LastIndexOf(':');
        if (colon >= 0 && key.Length - colon - 1 >= MinTokenLength)
        {
            forms.Add(key[(colon + 1)..]);
        }

        return Of(forms);
    }

    /// <summary>A masker for the given values; empty and very short values are ignored.</summary>
    /// <param name="secrets">The values.</param>
    /// <returns>The masker.</returns>
    public static SecretText Of(IEnumerable<string?> secrets)
    {
        // Longest first, so that a secret containing another is replaced whole.
        var values = secrets
            .Where(s => s is { Length: >= MinLength })
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
        return values.Length == 0 ? None : new SecretText(values);
    }

    /// <summary>Replaces every secret in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without secrets; the same instance when it held none.</returns>
    public string Apply(string text)
    {
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Replaces every secret in a text, then escapes it onto one printable line (see <see cref="MessageText.OneLine"/>).</summary>
    /// <param name="text">Text from the wire.</param>
    /// <returns>The text, safe to print or log.</returns>
    public string Clean(string? text) => string.IsNullOrEmpty(text) ? string.Empty : MessageText.OneLine(Apply(text));
}
