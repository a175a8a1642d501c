using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>A compiled node of a server-side RQL filter (not the client's public <c>Query.RqlFilter</c>).</summary>
internal abstract class RqlNode
{
    public static RqlNode Always { get; } = new RqlAlways();

    public abstract bool Evaluate(JsonObject item);

    public static RqlNode And(List<RqlNode> parts) => new RqlLogical(parts, isAnd: true);

    public static RqlNode Or(List<RqlNode> parts) => new RqlLogical(parts, isAnd: false);

    public static RqlNode Not(RqlNode inner) => new RqlNot(inner);

    public static RqlNode Compare(string op, string field, RqlValue value) => op switch
    {
        "eq" or "ne" or "in" or "out" or "like" or "ilike" or "lt" or "le" or "gt" or "ge" => new RqlComparison(op, field.Split('.'), value),
        _ => throw new RqlException($"Unsupported RQL operator '{op}'."),
    };
}
