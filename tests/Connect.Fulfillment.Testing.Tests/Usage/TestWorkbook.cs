using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary>Writes small usage workbooks with the Open XML SDK, the way Excel (shared strings) or streaming writers (inline strings) do.</summary>
internal static class TestWorkbook
{
    /// <summary>The QT header row, in Connect's order.</summary>
    public static readonly string[] Header =
    [
        "record_id", "record_note", "item_search_criteria", "item_search_value", "amount", "quantity", "start_time_utc",
        "end_time_utc", "asset_search_criteria", "asset_search_value", "item_name", "item_mpn", "item_precision",
        "category_id", "asset_recon_id", "tier",
    ];

    /// <summary>One QT row naming the item by MPN and the asset by id; null cells stay empty.</summary>
    public static object?[] Row(string recordId, string mpn, object? quantity, string assetId, string start = "2026-11-01 00:00:00", string end = "2026-11-30 23:59:59")
        => [recordId, null, "item.mpn", mpn, null, quantity, start, end, "asset.id", assetId, null, mpn, null, null, null, null];

    /// <summary>A workbook with one sheet; strings go to the shared string table when <paramref name="sharedStrings"/> is set.</summary>
    public static byte[] Create(IEnumerable<object?[]> rows, string sheetName = "usage_records", IReadOnlyList<string>? header = null, bool sharedStrings = false)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var strings = new List<string>();
            var all = new List<object?[]> { (header ?? Header).Cast<object?>().ToArray() };
            all.AddRange(rows);
            for (var r = 0; r < all.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < all[r].Length; c++)
                {
                    if (all[r][c] is { } value)
                    {
                        row.Append(CellOf(value, Reference(c, r + 1), sharedStrings ? strings : null));
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            if (sharedStrings)
            {
                var table = workbookPart.AddNewPart<SharedStringTablePart>();
                table.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            }

            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }

        return stream.ToArray();
    }

    private static Cell CellOf(object value, string reference, List<string>? shared)
    {
        if (value is string text)
        {
            if (shared is null)
            {
                return new Cell(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString };
            }

            shared.Add(text);
            return new Cell(new CellValue((shared.Count - 1).ToString(CultureInfo.InvariantCulture))) { CellReference = reference, DataType = CellValues.SharedString };
        }

        var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return new Cell(new CellValue(number)) { CellReference = reference };
    }

    private static string Reference(int column, int row)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters + row.ToString(CultureInfo.InvariantCulture);
    }
}
