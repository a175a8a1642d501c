using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>The header and data rows of the <c>usage_records</c> sheet, every cell as text (numbers in invariant form).</summary>
internal sealed record UsageSheet(IReadOnlyDictionary<string, int> Columns, IReadOnlyList<UsageSheetRow> Rows);

/// <summary>One data row: its number in the sheet and its cells by column index (null when empty).</summary>
internal sealed record UsageSheetRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>
/// Reads an uploaded usage workbook with the Open XML SDK. The sheet is read row by row (SAX), and string, inline
/// string, number and boolean cells are all understood, so workbooks from Excel, SpreadCheetah or openpyxl read alike.
/// </summary>
internal static class UsageWorkbookReader
{
    public const string SheetName = "usage_records";

    /// <summary>Reads the sheet, or says in Connect's words why the file cannot be read.</summary>
    public static (UsageSheet? Sheet, string? Problem) Read(byte[] workbook)
    {
        try
        {
            using var stream = new MemoryStream(workbook, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var part = document.WorkbookPart;
            var sheet = part?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == SheetName);
            if (part is null || sheet?.Id?.Value is not { } relationship)
            {
                return (null, $"The workbook has no sheet named {SheetName}.");
            }

            var shared = part.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            return (ReadSheet((WorksheetPart)part.GetPartById(relationship), shared), null);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or XmlException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, "The file is not a readable Excel workbook (.xlsx).");
        }
    }

    private static UsageSheet ReadSheet(WorksheetPart part, List<string> shared)
    {
        Dictionary<string, int>? columns = null;
        var rows = new List<UsageSheetRow>();
        var fallbackNumber = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            fallbackNumber++;
            var number = row.RowIndex?.Value is { } index ? (int)index : fallbackNumber;
            fallbackNumber = number;
            var cells = Cells(row, shared);
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < cells.Count; i++)
                {
                    if (cells[i]?.Trim().ToLowerInvariant() is { Length: > 0 } name)
                    {
                        columns.TryAdd(name, i);
                    }
                }

                continue;
            }

            rows.Add(new UsageSheetRow(number, cells));
        }

        return new UsageSheet(columns ?? [], rows);
    }

    private static List<string?> Cells(Row row, List<string> shared)
    {
        var cells = new List<string?>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            while (cells.Count < column)
            {
                cells.Add(null);
            }

            var text = Text(cell, shared);
            if (column < cells.Count)
            {
                cells[column] = text;
            }
            else
            {
                cells.Add(text);
            }
        }

        return cells;
    }

    private static string? Text(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var value = cell.CellValue?.Text;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : null;
        }

        return type == CellValues.Boolean ? (value == "1" ? "TRUE" : "FALSE") : value;
    }

    /// <summary>The zero-based column of a reference such as <c>C12</c>.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return Math.Max(index - 1, 0);
    }
}
