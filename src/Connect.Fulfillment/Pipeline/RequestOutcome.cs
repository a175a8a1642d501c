using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// A handler's decision about a request. Handlers decide, the pipeline acts: it re-reads the request, writes
/// parameters, applies the transition to Connect and reconciles when an answer is lost.
/// </summary>
public sealed class RequestOutcome
{
    private RequestOutcome(OutcomeKind kind)
    {
        Kind = kind;
    }

    /// <summary>The decision.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>The activation template id to approve with.</summary>
    public string? TemplateId { get; private init; }

    /// <summary>The template name to approve with; resolved once per product and scope.</summary>
    public string? TemplateName { get; private init; }

    /// <summary>The activation tile (markdown) to approve with.</summary>
    public string? ActivationTile { get; private init; }

    /// <summary>The reason of a fail, skip or retry-later.</summary>
    public string? Reason { get; private init; }

    /// <summary>The parameters marked invalid for an inquiry.</summary>
    public IReadOnlyList<ParameterUpdate> InquireParameters { get; private init; } = [];

    /// <summary>
    /// The parameter writes that travel with the outcome. The pipeline writes them (after re-reading the request, for a
    /// transition) before it applies the outcome; per parameter they replace writes queued on the context.
    /// </summary>
    public IReadOnlyList<ParameterUpdate> ParameterUpdates { get; private init; } = [];

    /// <summary>Whether an approve uses the pipeline's default activation template (<see cref="FulfillmentPipelineOptions.ApproveTemplateId"/> or <see cref="FulfillmentPipelineOptions.ApproveTemplateName"/>).</summary>
    public bool UsesDefaultTemplate => Kind == OutcomeKind.Approve && TemplateId is null && TemplateName is null && ActivationTile is null;

    /// <summary>Approve with the pipeline's default activation template.</summary>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Approve() => new(OutcomeKind.Approve);

    /// <summary>Approve with an activation template id.</summary>
    /// <param name="templateId">The template id (<c>TL-…</c>).</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Approve(string templateId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        return new(OutcomeKind.Approve) { TemplateId = templateId };
    }

    /// <summary>Approve with the product's template of this name (asset scope for requests, tier scope for tier configuration requests).</summary>
    /// <param name="templateName">The template name, for example <c>Default Activation Template</c>.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome ApproveWithTemplateName(string templateName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateName);
        return new(OutcomeKind.Approve) { TemplateName = templateName };
    }

    /// <summary>Approve with an activation tile (markdown). Connect recommends templates instead.</summary>
    /// <param name="activationTile">The markdown text.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome ApproveWithTile(string activationTile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activationTile);
        return new(OutcomeKind.Approve) { ActivationTile = activationTile };
    }

    /// <summary>Fail the request; Connect shows the reason to the customer.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(OutcomeKind.Fail) { Reason = reason };
    }

    /// <summary>Inquire: mark parameters invalid and ask the customer to correct them.</summary>
    /// <param name="invalidParameters">At least one parameter with a <see cref="ParameterUpdate.ValueError"/>.</param>
    /// <param name="templateId">An optional inquire template.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Inquire(IEnumerable<ParameterUpdate> invalidParameters, string? templateId = null)
    {
        ArgumentNullException.ThrowIfNull(invalidParameters);
        var parameters = invalidParameters.ToArray();
        if (parameters.Length == 0 || !parameters.Any(p => !string.IsNullOrEmpty(p?.ValueError)))
        {
            throw new ArgumentException("An inquiry needs at least one parameter with a value error.", nameof(invalidParameters));
        }

        return new(OutcomeKind.Inquire) { InquireParameters = parameters, TemplateId = templateId };
    }

    /// <summary>Move an inquiring request back to pending.</summary>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Pend() => new(OutcomeKind.Pend);

    /// <summary>Leave the request untouched, for a reason that is reported.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome Skip(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(OutcomeKind.Skip) { Reason = reason };
    }

    /// <summary>Leave the request pending for a later run, for a transient reason that is reported.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The outcome.</returns>
    public static RequestOutcome RetryLater(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(OutcomeKind.RetryLater) { Reason = reason };
    }

    /// <summary>Returns this outcome with parameter writes added; a later write of a parameter replaces an earlier one.</summary>
    /// <param name="updates">The writes, for example <c>ParameterUpdate.WithValue("subscription_id", id)</c>.</param>
    /// <returns>A new outcome; this one is unchanged.</returns>
    public RequestOutcome WithParameters(params ParameterUpdate[] updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var merged = new List<ParameterUpdate>(ParameterUpdates);
        foreach (var update in updates)
        {
            ArgumentNullException.ThrowIfNull(update, nameof(updates));
            merged.RemoveAll(p => p.Id == update.Id);
            merged.Add(update);
        }

        return new(Kind)
        {
            TemplateId = TemplateId,
            TemplateName = TemplateName,
            ActivationTile = ActivationTile,
            Reason = Reason,
            InquireParameters = InquireParameters,
            ParameterUpdates = merged,
        };
    }

    /// <summary>This outcome with another reason (the same instance when it is equal): the pipeline masks secrets in it.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The outcome.</returns>
    internal RequestOutcome WithReason(string? reason) => string.Equals(reason, Reason, StringComparison.Ordinal) ? this : new(Kind)
    {
        TemplateId = TemplateId,
        TemplateName = TemplateName,
        ActivationTile = ActivationTile,
        Reason = reason,
        InquireParameters = InquireParameters,
        ParameterUpdates = ParameterUpdates,
    };

    /// <summary>Returns this outcome with a parameter value to write.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="value">The value.</param>
    /// <returns>A new outcome; this one is unchanged.</returns>
    public RequestOutcome WithParameter(string parameterId, string value) => WithParameters(ParameterUpdate.WithValue(parameterId, value));

    /// <summary>Describes the outcome.</summary>
    /// <returns>For example <c>Fail: vendor rejected the order</c>.</returns>
    public override string ToString() => Reason is null ? Kind.ToString() : $"{Kind}: {Reason}";
}
