namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>Thrown when a query string cannot be parsed or uses an unsupported operator.</summary>
internal sealed class RqlException(string message) : Exception(message);
