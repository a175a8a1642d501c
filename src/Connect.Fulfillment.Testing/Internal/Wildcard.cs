namespace Connect.Fulfillment.Testing.Internal;

/// <summary>Glob matching with '*' as the only wildcard.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string input, string pattern, bool ignoreCase)
    {
        var cmp = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(input, pattern, cmp);
        }

        var pos = 0;
        if (!input.StartsWith(parts[0], cmp))
        {
            return false;
        }

        pos = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            var found = input.IndexOf(parts[i], pos, cmp);
            if (found < 0)
            {
                return false;
            }

            pos = found + parts[i].Length;
        }

        var last = parts[^1];
        return input.Length - pos >= last.Length && input.EndsWith(last, cmp);
    }
}
