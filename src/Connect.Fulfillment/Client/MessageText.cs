using System.Text;

namespace Connect.Fulfillment;

/// <summary>Makes a conversation message safe to send: control characters removed, length capped.</summary>
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
}
