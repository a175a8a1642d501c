using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary><c>not(inner)</c>.</summary>
internal sealed class RqlNot(RqlNode inner) : RqlNode
{
    public override bool Evaluate(JsonObject item) => !inner.Evaluate(item);
}
