using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>
/// The Connect calls of one usage file, each reconciled after a lost answer: the client never re-sends a create, an
/// upload or a submit after a timeout or a 5xx, so these steps re-read Connect and decide from what it holds.
/// </summary>
internal sealed class UsageFileSteps(IConnectClient client, UsageReportingOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The statuses that mean the vendor's part is done: the file is with the provider, or past it.</summary>
    public static bool IsSubmittedOrLater(UsageFileStatus status)
        => status == UsageFileStatus.Pending || status == UsageFileStatus.Accepted || status == UsageFileStatus.Closed || status == UsageFileStatus.Rejected;

    /// <summary>The statuses in which Connect is still working on an uploaded workbook.</summary>
    public static bool IsProcessing(UsageFileStatus status)
        => status == UsageFileStatus.Uploading || status == UsageFileStatus.Uploaded || status == UsageFileStatus.Processing;

    /// <summary>
    /// Whether a failure leaves the outcome unknown: no answer, a server error, a timeout, or a success answer that could
    /// not be read. A 4xx is a definite refusal.
    /// </summary>
    public static bool IsInDoubt(ConnectApiException ex)
        => ex.StatusCode is 0 or 408 or >= 500 || ex.StatusCode is >= 200 and < 300;

    /// <summary>The files Connect holds for an external id, deleted ones excluded.</summary>
    public async Task<IReadOnlyList<UsageFile>> FindAsync(string productId, string externalId, CancellationToken cancellationToken)
    {
        var query = new UsageFileQuery { ProductIds = [productId], ExternalIds = [externalId] };
        var found = new List<UsageFile>();
        await foreach (var file in client.ListUsageFilesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // Connect filters by external id already; the check guards against a server that ignores the filter.
            if (file.Status != UsageFileStatus.Deleted && string.Equals(file.ExternalId, externalId, StringComparison.Ordinal))
            {
                found.Add(file);
            }
        }

        return found;
    }

    /// <summary>Creates the file; after a lost answer, the file is looked up by its external id instead of created again.</summary>
    public async Task<UsageFile> CreateAsync(NewUsageFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CreateUsageFileAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectApiException ex) when (IsInDoubt(ex))
        {
            UsageLog.Reconciling(logger, "create", file.ExternalId!);
            var found = await FindAsync(file.ProductId, file.ExternalId!, cancellationToken).ConfigureAwait(false);
            return found.Count == 1
                ? found[0]
                : throw new UsageStepException(
                    $"creating the usage file got no answer ({ex.Message}) and {found.Count} file(s) with external id {file.ExternalId} were found afterwards; run again to continue.",
                    ex);
        }
    }

    /// <summary>
    /// Uploads the workbook. After a lost answer the file is re-read: still a draft means the upload did not land and it
    /// is sent once more; any later status means it did.
    /// </summary>
    public async Task<UsageFile> UploadAsync(string usageFileId, Stream workbook, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            workbook.Position = 0;
            try
            {
                return await client.UploadUsageFileAsync(usageFileId, workbook, usageFileId + ".xlsx", cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectApiException ex) when (IsInDoubt(ex))
            {
                UsageLog.Reconciling(logger, "upload", usageFileId);
                var current = await client.GetUsageFileAsync(usageFileId, cancellationToken).ConfigureAwait(false);
                if (current.Status != UsageFileStatus.Draft)
                {
                    return current;
                }

                if (attempt == 2)
                {
                    throw new UsageStepException($"the upload got no answer twice ({ex.Message}) and the file is still a draft; run again to continue.", ex);
                }
            }
        }
    }

    /// <summary>Reads the file until Connect has processed the workbook, or until <see cref="UsageReportingOptions.ProcessingTimeout"/>.</summary>
    public async Task<UsageFile> WaitProcessedAsync(UsageFile file, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (IsProcessing(file.Status) && timeProvider.GetElapsedTime(started) < options.ProcessingTimeout)
        {
            await Task.Delay(options.ProcessingPollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            file = await client.GetUsageFileAsync(file.Id!, cancellationToken).ConfigureAwait(false);
        }

        return file;
    }

    /// <summary>
    /// Submits a ready file. After a lost answer the file is re-read: submitted or later means done; still ready means the
    /// submit did not land and it is sent once more.
    /// </summary>
    public async Task<UsageFile> SubmitAsync(string usageFileId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.SubmitUsageFileAsync(usageFileId, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectApiException ex) when (IsInDoubt(ex))
            {
                UsageLog.Reconciling(logger, "submit", usageFileId);
                var current = await client.GetUsageFileAsync(usageFileId, cancellationToken).ConfigureAwait(false);
                if (current.Status != UsageFileStatus.Ready)
                {
                    return current;
                }

                if (attempt == 2)
                {
                    throw new UsageStepException($"the submit got no answer twice ({ex.Message}) and the file is still ready; run again to submit it.", ex);
                }
            }
        }
    }
}

/// <summary>A step of a usage file that cannot go on; the message says why and what to do.</summary>
internal sealed class UsageStepException(string message, Exception? innerException = null) : Exception(message, innerException);
