namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Checks ids read from webhook bodies before they reach a log line, a response or the pipeline: an upper-case
/// prefix, <c>-</c>, then ASCII letters, digits and <c>-</c>, at most 64 characters (the shape of Connect ids).
/// </summary>
internal static class WebhookIds
{
    public const int MaxLength = 64;

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
            if (!char.IsAsciiLetterOrDigit(id[index]) && id[index] != '-')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsTierConfigRequest(string id) => id.StartsWith("TCR-", StringComparison.Ordinal);

    public static bool IsFulfillmentRequest(string id) => id.StartsWith("PR-", StringComparison.Ordinal);
}
