using Connect.Fulfillment.Models.Internal;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// One shared string per known request type, so that the results a run keeps do not each hold their own copy of
/// <c>cancel</c> or <c>purchase</c> read from the page.
/// </summary>
internal static class RequestTypeNames
{
    private static readonly string[] Known =
        ["purchase", "change", "suspend", "resume", "cancel", "adjustment", "renew", "transfer", "setup", "update"];

    /// <summary>
    /// Returns the shared instance of a known type, or the value itself escaped (see <see cref="ConnectIds.Escape"/>):
    /// a type from the wire goes into results, log scopes and summaries, and a line break or terminal escape in it must
    /// not forge lines there. Such a type matches no handler either way.
    /// </summary>
    /// <param name="type">The type as read.</param>
    /// <returns>An equal string, shared when the type is known; escaped when it held characters that are not printable ASCII.</returns>
    public static string Share(string type)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known, type, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return ConnectIds.Escape(type);
    }
}
