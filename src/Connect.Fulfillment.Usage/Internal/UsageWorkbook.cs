using System.Globalization;
using SpreadCheetah;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>
/// Writes the usage workbook row by row with SpreadCheetah: one sheet, <c>usage_records</c>, with Connect's QT
/// columns. Rows go straight to the output stream through a fixed buffer, so memory does not grow with the record count.
/// </summary>
internal sealed class UsageWorkbook : IAsyncDisposable
{
    public const string SheetName = "usage_records";

    /// <summary>The header row, in Connect's order (docs/connect-api.md §4.6).</summary>
    public static readonly string[] Columns =
    [
        "record_id", "record_note", "item_search_criteria", "item_search_value", "amount", "quantity", "start_time_utc",
        "end_time_utc", "asset_search_criteria", "asset_search_value", "item_name", "item_mpn", "item_precision",
        "category_id", "asset_recon_id", "tier",
    ];

    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    private readonly Spreadsheet spreadsheet;

    // One row buffer reused for every record: SpreadCheetah copies the cells into its own buffer on each call.
    private readonly DataCell[] row = new DataCell[Columns.Length];

    // The times are formatted into these instead of new strings: with 100,000 records, two strings a row were most of
    // what the writer allocated, and the garbage grew the heap with the record count (docs/performance.md).
    private readonly char[] startText = new char[TimeFormat.Length];
    private readonly char[] endText = new char[TimeFormat.Length];

    private UsageWorkbook(Spreadsheet spreadsheet) => this.spreadsheet = spreadsheet;

    /// <summary>The data rows written so far.</summary>
    public int RowCount { get; private set; }

    public static async Task<UsageWorkbook> CreateAsync(Stream output, CancellationToken cancellationToken)
    {
        var spreadsheet = await Spreadsheet.CreateNewAsync(output, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await spreadsheet.StartWorksheetAsync(SheetName, null, cancellationToken).ConfigureAwait(false);
            await spreadsheet.AddRowAsync(Columns.Select(c => new Cell(c)).ToArray(), cancellationToken).ConfigureAwait(false);
            return new UsageWorkbook(spreadsheet);
        }
        catch
        {
            await spreadsheet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes one QT record: the item by MPN, the asset by its Connect id, times as UTC text.</summary>
    public async ValueTask AddAsync(string recordId, string? note, string mpn, decimal quantity, DateTimeOffset start, DateTimeOffset end, string assetId, CancellationToken cancellationToken)
    {
        row[0] = new DataCell(recordId);
        row[1] = new DataCell(note ?? string.Empty);
        row[2] = new DataCell("item.mpn");
        row[3] = new DataCell(mpn);
        row[4] = new DataCell(string.Empty);
        row[5] = new DataCell(quantity);
        row[6] = new DataCell(Format(start, startText));
        row[7] = new DataCell(Format(end, endText));
        row[8] = new DataCell("asset.id");
        row[9] = new DataCell(assetId);
        for (var i = 10; i < row.Length; i++)
        {
            row[i] = new DataCell(string.Empty);
        }

        row[11] = new DataCell(mpn);
        await spreadsheet.AddRowAsync(row, cancellationToken).ConfigureAwait(false);
        RowCount++;
    }

    public ValueTask FinishAsync(CancellationToken cancellationToken) => spreadsheet.FinishAsync(cancellationToken);

    public ValueTask DisposeAsync() => spreadsheet.DisposeAsync();

    private static ReadOnlyMemory<char> Format(DateTimeOffset instant, char[] buffer)
        => instant.UtcDateTime.TryFormat(buffer, out var written, TimeFormat, CultureInfo.InvariantCulture)
            ? buffer.AsMemory(0, written)
            : instant.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture).AsMemory();
}
