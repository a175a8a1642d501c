namespace Connect.Fulfillment.Models;

/// <summary>A product template, used to approve (activation) or inquire.</summary>
public sealed record ProductTemplate
{
    /// <summary>The template id (<c>TL-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The template name, for example <c>Default Activation Template</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The template title.</summary>
    public string? Title { get; init; }

    /// <summary>The markdown body with <c>{{ param_id }}</c> placeholders.</summary>
    public string? Body { get; init; }

    /// <summary>The scope: asset, tier1 or tier2.</summary>
    public TemplateScope Scope { get; init; }

    /// <summary>The type: fulfillment, inquire or pending (may be absent for tier templates).</summary>
    public TemplateType Type { get; init; }

    /// <summary>The sort position.</summary>
    public int? Position { get; init; }
}
