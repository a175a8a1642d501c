namespace Connect.Fulfillment.Models;

/// <summary>How many records of a usage file are in each state (<c>stats</c>).</summary>
public sealed record UsageFileStats
{
    /// <summary>Records uploaded.</summary>
    public int? Uploaded { get; init; }

    /// <summary>Records validated.</summary>
    public int? Validated { get; init; }

    /// <summary>Records pending with the provider.</summary>
    public int? Pending { get; init; }

    /// <summary>Records accepted.</summary>
    public int? Accepted { get; init; }

    /// <summary>Records closed.</summary>
    public int? Closed { get; init; }

    /// <summary>Records billed.</summary>
    public int? Billed { get; init; }
}

/// <summary>How many records of a usage file Connect found valid and invalid (<c>records</c>).</summary>
public sealed record UsageFileRecordCounts
{
    /// <summary>Valid records.</summary>
    public int? Valid { get; init; }

    /// <summary>Invalid records.</summary>
    public int? Invalid { get; init; }

    /// <summary>Closed records.</summary>
    public int? Closed { get; init; }
}
