namespace Connect.Fulfillment.Models;

/// <summary>How to approve a fulfillment request: with an activation template (recommended) or a markdown tile.</summary>
public sealed record ApproveRequest
{
    private ApproveRequest(string? templateId, string? activationTile)
    {
        TemplateId = templateId;
        ActivationTile = activationTile;
    }

    /// <summary>The activation template id (<c>TL-…</c>).</summary>
    public string? TemplateId { get; }

    /// <summary>The activation tile (markdown), when no template is used.</summary>
    public string? ActivationTile { get; }

    /// <summary>The effective date of the change, when it differs from now.</summary>
    public DateTimeOffset? EffectiveDate { get; init; }

    /// <summary>Approves with an activation template.</summary>
    /// <param name="templateId">The template id.</param>
    /// <returns>The approval.</returns>
    public static ApproveRequest WithTemplate(string templateId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        return new ApproveRequest(templateId, null);
    }

    /// <summary>Approves with an activation tile (markdown). Connect recommends templates instead.</summary>
    /// <param name="activationTile">The markdown text.</param>
    /// <returns>The approval.</returns>
    public static ApproveRequest WithTile(string activationTile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activationTile);
        return new ApproveRequest(null, activationTile);
    }
}
