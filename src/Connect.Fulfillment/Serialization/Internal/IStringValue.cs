namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// An extensible, string-backed value such as a request type or status. Connect adds new values over time,
/// so any string is accepted; well-known values are exposed as static properties.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface IStringValue<TSelf> where TSelf : struct, IStringValue<TSelf>
{
    /// <summary>The value as Connect sends it, for example <c>cancel</c>.</summary>
    string Value { get; }

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    static abstract TSelf From(string value);
}
