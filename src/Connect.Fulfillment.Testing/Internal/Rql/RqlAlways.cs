using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>Matches every item: an empty <c>and()</c>/<c>or()</c> or a <c>not()</c> of an ignored call.</summary>
internal sealed class RqlAlways : RqlNode
{
    public override bool Evaluate(JsonObject item) => true;
}
