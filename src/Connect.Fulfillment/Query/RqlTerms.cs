namespace Connect.Fulfillment.Query;

/// <summary>Helpers that build the typed queries' RQL.</summary>
internal static class RqlTerms
{
    public static RqlFilter? In(string field, IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : RqlFilter.In(field, list);
    }

    public static RqlFilter? Combine(params RqlFilter?[] terms)
    {
        var present = terms.OfType<RqlFilter>().ToList();
        return present.Count == 0 ? null : RqlFilter.And(present);
    }
}
