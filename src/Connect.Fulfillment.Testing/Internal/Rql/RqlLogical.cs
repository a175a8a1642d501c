using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary><c>and(…)</c> or <c>or(…)</c>, short-circuiting.</summary>
internal sealed class RqlLogical(List<RqlNode> parts, bool isAnd) : RqlNode
{
    public override bool Evaluate(JsonObject item)
    {
        foreach (var p in parts)
        {
            if (p.Evaluate(item) != isAnd)
            {
                return !isAnd;
            }
        }

        return isAnd;
    }
}
