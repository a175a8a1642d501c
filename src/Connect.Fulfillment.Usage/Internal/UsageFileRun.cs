using System.Runtime.CompilerServices;
using Connect.Fulfillment.Models;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>
/// Reports the usage file of one product, contract and period: finds the file a previous run made, decides from its
/// status, writes the workbook when needed, then creates, uploads and submits with reconciliation after lost answers.
/// </summary>
internal sealed class UsageFileRun(
    IUsageSource source, UsageReportingOptions options, UsageFileSteps steps, RejectionCollector rejections, ILogger logger)
{
    public async Task<UsageFileOutcome> RunAsync(string productId, string contractId, IReadOnlyList<Asset> assets, UsagePeriod period, CancellationToken cancellationToken)
    {
        var externalId = UsageIds.ExternalId(productId, contractId, period);
        var progress = new Progress(new UsageFileOutcome { ProductId = productId, ContractId = contractId, ExternalId = externalId, Kind = UsageFileOutcomeKind.Failed });
        using var activity = UsageTelemetry.StartFile(productId, contractId, externalId, period);
        UsageFileOutcome outcome;
        try
        {
            outcome = await RunCoreAsync(progress, assets, period, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectApiException or UsageStepException or UsageSourceException)
        {
            // What was learnt before the failure (the file's id, whether it was created, the counts) stays in the outcome.
            var connectError = ex as ConnectApiException ?? ex.InnerException as ConnectApiException;
            outcome = progress.Outcome with { Kind = UsageFileOutcomeKind.Failed, Errors = [ex.Message, .. connectError?.Errors ?? []], ConnectError = connectError };
        }

        UsageTelemetry.FileDone(activity, outcome);
        UsageLog.FileDone(logger, externalId, outcome.UsageFileId, outcome.Kind, outcome.RecordCount, outcome.RejectedCount);
        if (outcome.Kind is UsageFileOutcomeKind.Failed or UsageFileOutcomeKind.Invalid or UsageFileOutcomeKind.HeldBack)
        {
            UsageLog.FileProblem(logger, externalId, outcome.Kind, string.Join("; ", outcome.Errors));
        }

        return outcome;
    }

    private async Task<UsageFileOutcome> RunCoreAsync(Progress progress, IReadOnlyList<Asset> assets, UsagePeriod period, CancellationToken cancellationToken)
    {
        var outcome = progress.Outcome;
        var found = await steps.FindAsync(outcome.ProductId, outcome.ExternalId, cancellationToken).ConfigureAwait(false);
        if (found.Count > 1)
        {
            return outcome with
            {
                Errors = [$"{found.Count} usage files carry external id {outcome.ExternalId} ({string.Join(", ", found.Select(f => f.Id))}); delete the extra ones in Connect, then run again."],
            };
        }

        var existing = found.Count == 1 ? found[0] : null;
        if (existing is not null && existing.Status != UsageFileStatus.Draft)
        {
            // Past the draft, the workbook is Connect's: it is never replaced, only carried forward.
            progress.Outcome = outcome with { UsageFileId = existing.Id, Status = existing.Status.Value };
            return await ContinueAsync(progress, existing, cancellationToken).ConfigureAwait(false);
        }

        var workDirectory = options.WorkDirectory ?? Path.GetTempPath();
        var path = Path.Combine(workDirectory, $"connect-usage-{Guid.NewGuid():N}.xlsx");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (stream.ConfigureAwait(false))
        {
            var (written, rejected) = await WriteAsync(stream, outcome.ProductId, assets, period, cancellationToken).ConfigureAwait(false);
            outcome = progress.Outcome = outcome with { UsageFileId = existing?.Id, RecordCount = written, RejectedCount = rejected, Status = existing?.Status.Value };
            if (rejected > 0 && !options.UploadWhenRecordsRejected)
            {
                return outcome with
                {
                    Kind = UsageFileOutcomeKind.HeldBack,
                    Errors = [$"{rejected} record(s) were rejected (see the report's rejected records); nothing was uploaded. Fix the usage source and run again."],
                };
            }

            if (written == 0)
            {
                return outcome with { Kind = UsageFileOutcomeKind.NoUsage };
            }

            var file = existing;
            if (file is null)
            {
                file = await steps.CreateAsync(NewFile(outcome, period), cancellationToken).ConfigureAwait(false);
                // The create answer (spec usage.UsageFileCreate) carries no status; a new file is a draft.
                outcome = progress.Outcome = outcome with { UsageFileId = file.Id, Created = true, Status = file.Status.Value ?? UsageFileStatus.Draft.Value };
                if (file.Id is null)
                {
                    return outcome with { Errors = ["Connect created the usage file but its answer carried no id; run again to continue."] };
                }
            }

            if (file.Status.Value is null || file.Status == UsageFileStatus.Draft)
            {
                file = await steps.UploadAsync(file.Id!, stream, cancellationToken).ConfigureAwait(false);
            }

            return await ContinueAsync(progress, file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Carries a file past its upload: waits for processing, submits a ready file, reports the others.</summary>
    private async Task<UsageFileOutcome> ContinueAsync(Progress progress, UsageFile file, CancellationToken cancellationToken)
    {
        file = await steps.WaitProcessedAsync(file, cancellationToken).ConfigureAwait(false);
        var outcome = progress.Outcome = progress.Outcome with { Status = file.Status.Value };
        var submittedNow = false;
        if (file.Status == UsageFileStatus.Ready)
        {
            file = await steps.SubmitAsync(file.Id!, cancellationToken).ConfigureAwait(false);
            submittedNow = true;
        }

        outcome = outcome with { Status = file.Status.Value };
        if (UsageFileSteps.IsSubmittedOrLater(file.Status))
        {
            return outcome with { Kind = submittedNow ? UsageFileOutcomeKind.Submitted : UsageFileOutcomeKind.AlreadySubmitted };
        }

        if (file.Status == UsageFileStatus.Invalid)
        {
            return outcome with
            {
                Kind = UsageFileOutcomeKind.Invalid,
                Errors = [$"Connect found usage file {file.Id} invalid: {file.ErrorDetail ?? "(no error detail)"}. Delete it in Connect, fix the usage, and run again."],
            };
        }

        if (UsageFileSteps.IsProcessing(file.Status))
        {
            return outcome with { Kind = UsageFileOutcomeKind.Processing };
        }

        return outcome with
        {
            Errors = [$"usage file {file.Id} is in status \"{file.Status}\", which this reporter does not handle; it was left alone."],
        };
    }

    private async Task<(int Written, int Rejected)> WriteAsync(Stream stream, string productId, IReadOnlyList<Asset> assets, UsagePeriod period, CancellationToken cancellationToken)
    {
        var rejected = 0;
        var workbook = await UsageWorkbook.CreateAsync(stream, cancellationToken).ConfigureAwait(false);
        await using (workbook.ConfigureAwait(false))
        {
            foreach (var asset in assets)
            {
                rejected += await WriteAssetAsync(workbook, productId, asset, period, cancellationToken).ConfigureAwait(false);
            }

            await workbook.FinishAsync(cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return (workbook.RowCount, rejected);
        }
    }

    private async Task<int> WriteAssetAsync(UsageWorkbook workbook, string productId, Asset asset, UsagePeriod period, CancellationToken cancellationToken)
    {
        var assetId = asset.Id ?? string.Empty;
        var assetProblem = UsageRecordCheck.CheckAsset(asset, productId);
        var perItem = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = 0;
        var records = source.GetUsageAsync(asset, period, cancellationToken).ConfigureAwait(false);
        var enumerator = records.GetAsyncEnumerator();
        try
        {
            while (await MoveNextAsync(enumerator, assetId).ConfigureAwait(false))
            {
                var record = enumerator.Current;
                var reason = UsageRecordCheck.Check(record, asset, period, out var start, out var end);
                reason = assetProblem ?? reason;
                if (reason is not null)
                {
                    rejected++;
                    // Logged as kept: a source gone wrong on every record must not flood the log.
                    if (rejections.Add(new RejectedUsageRecord { ProductId = productId, AssetId = assetId, Record = record!, Reason = reason }))
                    {
                        UsageLog.RecordRejected(logger, assetId, reason);
                    }
                    continue;
                }

                var seen = perItem.GetValueOrDefault(record!.Mpn) + 1;
                perItem[record.Mpn] = seen;
                var recordId = record.RecordId ?? (seen == 1 ? $"{assetId}-{record.Mpn}-{period}" : $"{assetId}-{record.Mpn}-{period}-{seen}");
                await workbook.AddAsync(recordId, record.Note, record.Mpn, record.Quantity, start, end, assetId, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }

        return rejected;
    }

    /// <summary>A source that fails fails the whole file: a partial month is never uploaded.</summary>
    private static async Task<bool> MoveNextAsync(ConfiguredCancelableAsyncEnumerable<UsageRecord>.Enumerator enumerator, string assetId)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new UsageSourceException($"the usage source failed for asset {assetId}: {ex.Message}", ex);
        }
    }

    private NewUsageFile NewFile(UsageFileOutcome outcome, UsagePeriod period) => new()
    {
        Name = UsageIds.FileName(outcome.ProductId, outcome.ContractId, period),
        ProductId = outcome.ProductId,
        ContractId = outcome.ContractId,
        PeriodFrom = period.FirstDay,
        PeriodTo = period.LastDay,
        Currency = options.Currency,
        ExternalId = outcome.ExternalId,
        Description = $"Usage of {period} reported by Connect.Fulfillment.Usage.",
    };
}

/// <summary>The outcome as far as a file got, so that a failure part-way still reports the file's id and counts.</summary>
internal sealed class Progress(UsageFileOutcome outcome)
{
    public UsageFileOutcome Outcome { get; set; } = outcome;
}

/// <summary>The vendor's usage source failed; the message names the asset.</summary>
internal sealed class UsageSourceException(string message, Exception innerException) : Exception(message, innerException);
