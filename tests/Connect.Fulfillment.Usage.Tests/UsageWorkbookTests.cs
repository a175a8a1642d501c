using Connect.Fulfillment.Usage.Internal;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>The streamed workbook, read back with the Open XML SDK.</summary>
public class UsageWorkbookTests
{
    [Test]
    public async Task Many_records_are_written_in_order_and_the_output_stream_stays_usable()
    {
        using var output = new MemoryStream();
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var workbook = await UsageWorkbook.CreateAsync(output, CancellationToken.None))
        {
            for (var i = 0; i < 1000; i++)
            {
                await workbook.AddAsync($"r{i}", null, "MPN-CPU", i / 4m, start.AddHours(i % 24), start.AddHours((i % 24) + 1), "AS-1", CancellationToken.None);
            }

            await workbook.FinishAsync(CancellationToken.None);
            Assert.That(workbook.RowCount, Is.EqualTo(1000));
        }

        Assert.That(output.CanSeek, Is.True, "the workbook leaves the output stream open, to be uploaded from its start");
        var (sheets, rows) = WorkbookReader.Read(output.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(sheets, Is.EqualTo(new[] { UsageWorkbook.SheetName }));
            Assert.That(rows, Has.Count.EqualTo(1001));
            Assert.That(rows[0], Is.EqualTo(UsageWorkbook.Columns));
            Assert.That(rows[1000].Take(10), Is.EqualTo(new[] { "r999", string.Empty, "item.mpn", "MPN-CPU", string.Empty, "249.75", "2026-11-01 15:00:00", "2026-11-01 16:00:00", "asset.id", "AS-1" }));
            Assert.That(rows.Skip(1).Select(r => r.Count), Has.All.EqualTo(16));
        });
    }
}
