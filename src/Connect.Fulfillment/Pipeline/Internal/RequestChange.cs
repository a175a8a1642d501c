using System.Globalization;
using System.Text;
using Connect.Fulfillment.Models.Internal;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Says in one line what became of a request someone else moved on: its status, and when and by whom Connect says it
/// was last changed. Every part comes from the wire, so each is made printable on one line and kept short.
/// </summary>
internal static class RequestChange
{
    /// <summary>The longest user name printed; a longer one is cut.</summary>
    private const int MaxNameLength = 64;

    /// <summary>For example <c>the request is now approved (updated 2026-12-02 23:40:12Z by Jane Operator, UR-123-456-789)</c>.</summary>
    /// <param name="current">The request as just re-read.</param>
    /// <returns>The text.</returns>
    public static string Describe(WorkItem current)
    {
        var text = new StringBuilder("the request is now ").Append(ConnectIds.Escape(current.Status.ToString()));
        if (current.Operations.LastChangeOf(current) is not { } change)
        {
            return text.ToString();
        }

        var name = Printable(change.By?.Name);
        var id = change.By?.Id is { } byId && ConnectIds.IsValid(byId) ? byId : null;
        if (change.At is null && name is null && id is null)
        {
            return text.ToString();
        }

        text.Append(" (updated");
        if (change.At is { } at)
        {
            text.Append(' ').Append(at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture));
        }

        if (name is not null || id is not null)
        {
            text.Append(" by ").Append(name ?? id);
            if (name is not null && id is not null)
            {
                text.Append(", ").Append(id);
            }
        }

        return text.Append(')').ToString();
    }

    /// <summary>A name without control or format characters (no forged lines, no reordered text), at most <see cref="MaxNameLength"/> characters; null when nothing is left.</summary>
    private static string? Printable(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(name.Length, MaxNameLength + 1));
        foreach (var c in name)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            if (clean.Length == MaxNameLength)
            {
                clean.Append('…');
                break;
            }

            clean.Append(c);
        }

        var printable = clean.ToString().Trim();
        return printable.Length == 0 ? null : printable;
    }
}
