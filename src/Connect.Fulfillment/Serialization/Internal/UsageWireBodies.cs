namespace Connect.Fulfillment.Serialization.Internal;

// Usage file bodies as they travel on the wire; internal, built by ConnectClient.
internal sealed record IdBody(string Id);

internal sealed record PeriodBody(string From, string To);

internal sealed record CreateUsageFileBody(string Name, PeriodBody Period, IdBody Product, IdBody Contract)
{
    public string? Description { get; init; }

    public string? Note { get; init; }

    public string? Currency { get; init; }

    public string? ExternalId { get; init; }
}
