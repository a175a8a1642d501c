using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>Reads a workbook back with the Open XML SDK, independently of the library that wrote it.</summary>
internal static class WorkbookReader
{
    /// <summary>The sheet names and the text of every cell of the first sheet, row by row.</summary>
    public static (IReadOnlyList<string> Sheets, IReadOnlyList<IReadOnlyList<string>> Rows) Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart ?? throw new AssertionException("The workbook has no workbook part.");
        var sheets = part.Workbook!.Sheets!.Elements<Sheet>().ToList();
        var sheetPart = (WorksheetPart)part.GetPartById(sheets[0].Id!.Value!);
        var shared = part.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = sheetPart.Worksheet!.Descendants<Row>()
            .Select(r => (IReadOnlyList<string>)r.Elements<Cell>().Select(c => Text(c, shared)).ToList())
            .ToList();
        return (sheets.Select(s => s.Name!.Value!).ToList(), rows);
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        var value = cell.CellValue?.Text ?? string.Empty;
        return cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)] : value;
    }

    /// <summary>The bytes of the file part of a multipart/form-data body.</summary>
    public static byte[] FilePart(byte[] body)
    {
        var text = System.Text.Encoding.Latin1.GetString(body);
        var boundary = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        var start = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var end = text.IndexOf("\r\n" + boundary, start, StringComparison.Ordinal);
        return body[start..end];
    }
}
