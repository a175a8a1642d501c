namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>A value in an RQL expression: a scalar, <c>null()</c>, <c>empty()</c> or a list.</summary>
internal sealed class RqlValue
{
    public static readonly RqlValue Null = new() { IsNull = true };
    public static readonly RqlValue Empty = new() { IsEmpty = true };

    public string? Text { get; init; }

    public bool IsNull { get; init; }

    public bool IsEmpty { get; init; }

    public List<RqlValue>? Items { get; init; }

    public bool MatchesScalar(string? actual)
    {
        if (IsNull)
        {
            return actual is null;
        }

        if (IsEmpty)
        {
            return string.IsNullOrEmpty(actual);
        }

        if (Items is not null)
        {
            return Items.Exists(i => i.MatchesScalar(actual));
        }

        return actual is not null && string.Equals(actual, Text, StringComparison.Ordinal);
    }
}
