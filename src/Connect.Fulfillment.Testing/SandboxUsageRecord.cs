namespace Connect.Fulfillment.Testing;

/// <summary>One row of an uploaded usage workbook that passed the sandbox's checks, with the item and asset it resolved to.</summary>
public sealed class SandboxUsageRecord
{
    internal SandboxUsageRecord(int row, string recordId, string? note, string itemId, string itemMpn, decimal? quantity, decimal? amount, DateTimeOffset start, DateTimeOffset end, string assetId, int? tier)
    {
        Row = row;
        RecordId = recordId;
        Note = note;
        ItemId = itemId;
        ItemMpn = itemMpn;
        Quantity = quantity;
        Amount = amount;
        StartTime = start;
        EndTime = end;
        AssetId = assetId;
        Tier = tier;
    }

    /// <summary>Gets the row number in the sheet (the header is row 1).</summary>
    public int Row { get; }

    /// <summary>Gets <c>record_id</c>.</summary>
    public string RecordId { get; }

    /// <summary>Gets <c>record_note</c>, or null when empty.</summary>
    public string? Note { get; }

    /// <summary>Gets the id of the product's pay-as-you-go item the row named.</summary>
    public string ItemId { get; }

    /// <summary>Gets the MPN of that item.</summary>
    public string ItemMpn { get; }

    /// <summary>Gets <c>quantity</c>, or null when the schema does not use it and the cell is empty.</summary>
    public decimal? Quantity { get; }

    /// <summary>Gets <c>amount</c>, or null when empty.</summary>
    public decimal? Amount { get; }

    /// <summary>Gets <c>start_time_utc</c>.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>Gets <c>end_time_utc</c>.</summary>
    public DateTimeOffset EndTime { get; }

    /// <summary>Gets the id of the asset the row named (directly or through a parameter value).</summary>
    public string AssetId { get; }

    /// <summary>Gets <c>tier</c>, or null when empty.</summary>
    public int? Tier { get; }
}
