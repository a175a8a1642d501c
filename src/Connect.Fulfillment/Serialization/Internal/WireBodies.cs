using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Internal;

// Request and response bodies as they travel on the wire; internal, built by ConnectClient.
internal sealed record WireParameter(string Id)
{
    public string? Value { get; init; }
    public string? ValueError { get; init; }
    public JsonElement? StructuredValue { get; init; }
}

internal sealed record WireParameterList(IReadOnlyList<WireParameter> Params);

internal sealed record UpdateRequestParametersBody(WireParameterList Asset, string? Note);

internal sealed record UpdateTierConfigParametersBody(IReadOnlyList<WireParameter> Params, string? Notes);

internal sealed record ApproveBody(string? TemplateId, string? ActivationTile, string? EffectiveDate);

internal sealed record ReasonBody(string Reason);

internal sealed record TemplateIdBody(string? TemplateId);

internal sealed record PlannedDateBody(string PlannedDate);

internal sealed record AssignBody(string? Id, string? Email);

internal sealed record TierTemplate(string? Id, string? Representation);

internal sealed record TierApproveBody(TierTemplate Template);

internal sealed record TierApproveResult(TierTemplate? Template, string? EffectiveDate);

internal sealed record MessageBody(string Text, string Type);

internal sealed record EmptyBody;

internal sealed record ConnectErrorBody
{
    public string? ErrorCode { get; init; }
    public IReadOnlyList<string>? Errors { get; init; }
    public JsonElement? Params { get; init; }
}
