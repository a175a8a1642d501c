namespace Connect.Fulfillment.Models;

/// <summary>A template attached to a request: its id and, where Connect sends it, the name or rendered text.</summary>
public sealed record TemplateReference
{
    /// <summary>The template id (<c>TL-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The template name.</summary>
    public string? Name { get; init; }

    /// <summary>The rendered template text (tier configuration requests).</summary>
    public string? Representation { get; init; }
}
