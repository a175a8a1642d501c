namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>What a validator changed on one parameter; null fields are left as Connect sent them.</summary>
/// <param name="Error">The new <c>value_error</c> (empty clears it).</param>
/// <param name="Value">The new <c>value</c>.</param>
internal sealed record ParameterChange(string? Error, string? Value);
