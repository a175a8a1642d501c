namespace Connect.Fulfillment.Testing;

/// <summary>
/// How seeded parameters carry <c>value_choices</c>. Real Connect payloads hold objects; the published OpenAPI
/// description defines strings. The sandbox answers with the form a parameter was seeded with, so a processor can be
/// tested against both.
/// </summary>
public enum ValueChoicesForm
{
    /// <summary>Objects, <c>[{"value":"a","label":"a"}]</c>, as real payloads carry them.</summary>
    Objects,

    /// <summary>Strings, <c>["a","b"]</c>, as the OpenAPI description defines them.</summary>
    Strings,
}
