namespace Connect.Fulfillment.Models;

/// <summary>The fields of a usage file to create (<c>POST /usage/files</c>).</summary>
public sealed record NewUsageFile
{
    /// <summary>The name shown in Connect (at most 100 characters).</summary>
    public required string Name { get; init; }

    /// <summary>The product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>The distribution contract id.</summary>
    public required string ContractId { get; init; }

    /// <summary>The first day of the period.</summary>
    public required DateOnly PeriodFrom { get; init; }

    /// <summary>The last day of the period.</summary>
    public required DateOnly PeriodTo { get; init; }

    /// <summary>The currency, for example <c>USD</c>; Connect's default when null.</summary>
    public string? Currency { get; init; }

    /// <summary>The caller's own id of the file, used to find it again.</summary>
    public string? ExternalId { get; init; }

    /// <summary>An optional description (at most 200 characters).</summary>
    public string? Description { get; init; }

    /// <summary>An optional note.</summary>
    public string? Note { get; init; }
}
