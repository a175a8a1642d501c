using System.Globalization;
using System.Net.Http.Headers;
using Connect.Fulfillment.Client.Internal;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

// Usage files (/usage/files): the vendor's side of pay-as-you-go reporting. Provider-side actions (accept, reject,
// approve-all, close, reconciliation upload) are left out on purpose. Every POST here follows the client's rule for
// state changes: re-sent after a 429 only, never after a 5xx or a lost answer; callers re-read the file and reconcile.
public sealed partial class ConnectClient
{
    private const string UsageFiles = "usage/files";
    private static readonly MediaTypeHeaderValue WorkbookMediaType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /// <inheritdoc />
    public IAsyncEnumerable<UsageFile> ListUsageFilesAsync(UsageFileQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync(UsageFiles, query?.ToRql(), Json.ListUsageFile, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<UsageFile>> GetUsageFilesPageAsync(UsageFileQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync(UsageFiles, query?.ToRql(), offset, limit, Json.ListUsageFile, cancellationToken);

    /// <inheritdoc />
    public Task<UsageFile> GetUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Get, Path(UsageFiles, usageFileId), null, null, Json.UsageFile, cancellationToken);

    /// <inheritdoc />
    public Task<UsageFile> CreateUsageFileAsync(NewUsageFile usageFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usageFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(usageFile.Name, nameof(usageFile));
        ArgumentException.ThrowIfNullOrWhiteSpace(usageFile.ProductId, nameof(usageFile));
        ArgumentException.ThrowIfNullOrWhiteSpace(usageFile.ContractId, nameof(usageFile));
        if (usageFile.PeriodTo < usageFile.PeriodFrom)
        {
            throw new ArgumentException($"The period ends ({usageFile.PeriodTo:yyyy-MM-dd}) before it starts ({usageFile.PeriodFrom:yyyy-MM-dd}).", nameof(usageFile));
        }

        var body = new CreateUsageFileBody(
            usageFile.Name,
            new PeriodBody(FormatDay(usageFile.PeriodFrom), FormatDay(usageFile.PeriodTo)),
            new IdBody(usageFile.ProductId),
            new IdBody(usageFile.ContractId))
        {
            Description = usageFile.Description,
            Note = usageFile.Note,
            Currency = usageFile.Currency,
            ExternalId = usageFile.ExternalId,
        };
        return sender.SendAsync(HttpMethod.Post, UsageFiles, null, Content(body, WireJson.CreateUsageFileBody), Json.UsageFile, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UsageFile> UploadUsageFileAsync(string usageFileId, Stream workbook, string fileName = "usage.xlsx", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.Any(c => c is '"' or '\\' || c < ' ' || c > '~'))
        {
            throw new ArgumentException("The file name must be printable ASCII without quotes or backslashes.", nameof(fileName));
        }
        if (!workbook.CanRead)
        {
            throw new ArgumentException("The workbook stream cannot be read.", nameof(workbook));
        }

        var path = Path(UsageFiles, usageFileId, "upload");

        // The stream is not owned: StreamContent is built with a wrapper that leaves it open. A seekable stream is
        // rewound by StreamContent when a 429 makes the resilience handler send the request again.
        var file = new StreamContent(new NonClosingStream(workbook));
        file.Headers.ContentType = WorkbookMediaType;

        // Name and file name quoted, and no filename* parameter: the form Python's requests sends (the processor template),
        // which strict multipart parsers also accept; .NET's default unquoted tokens crash some of them.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"usage_file\"", FileName = "\"" + fileName + "\"" };
        var form = new MultipartFormDataContent { file };
        return sender.SendAsync(HttpMethod.Post, path, null, form, Json.UsageFile, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UsageFile> SubmitUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default)
        => UsageActionAsync(usageFileId, "submit", cancellationToken);

    /// <inheritdoc />
    public Task<UsageFile> DeleteUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default)
        => UsageActionAsync(usageFileId, "delete", cancellationToken);

    /// <inheritdoc />
    public Task<UsageFile> ReprocessUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default)
        => UsageActionAsync(usageFileId, "reprocess", cancellationToken);

    private Task<UsageFile> UsageActionAsync(string usageFileId, string action, CancellationToken cancellationToken)
        => sender.SendAsync(HttpMethod.Post, Path(UsageFiles, usageFileId, action), null, null, Json.UsageFile, cancellationToken);

    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
