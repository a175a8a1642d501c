namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// One shared string per known request type, so that the results a run keeps do not each hold their own copy of
/// <c>cancel</c> or <c>purchase</c> read from the page.
/// </summary>
internal static class RequestTypeNames
{
    private static readonly string[] Known =
        ["purchase", "change", "suspend", "resume", "cancel", "adjustment", "renew", "transfer", "setup", "update"];

    /// <summary>Returns the shared instance of a known type, or the value itself.</summary>
    /// <param name="type">The type as read.</param>
    /// <returns>An equal string, shared when the type is known.</returns>
    public static string Share(string type)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known, type, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return type;
    }
}
