using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Usage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Usage;

/// <summary>
/// Reports pay-as-you-go usage to Connect for one period: for every configured product, one usage file per contract,
/// with the records of the contract's assets read from the <see cref="IUsageSource"/>, validated, written as a streamed
/// workbook, uploaded and submitted. Idempotent by period: a rerun finds the files it made through their external ids
/// and carries each forward from where it stands, never creating a second file for the same month.
/// </summary>
public sealed class UsageReporter
{
    private static readonly AssetStatus[] DefaultStatuses = [AssetStatus.Active, AssetStatus.Suspended, AssetStatus.Terminating];

    private readonly IConnectClient client;
    private readonly IUsageSource source;
    private readonly UsageReportingOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Creates a reporter.</summary>
    /// <param name="client">The Connect client.</param>
    /// <param name="source">The vendor's usage source.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="timeProvider">The clock (default period, polling); the system clock when null.</param>
    /// <param name="logger">An optional logger.</param>
    public UsageReporter(IConnectClient client, IUsageSource source, IOptions<UsageReportingOptions> options, TimeProvider? timeProvider = null, ILogger<UsageReporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var problems = UsageReportingOptionsValidator.Check(options.Value);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.client = client;
        this.source = source;
        this.options = options.Value;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reports one period.</summary>
    /// <param name="period">The month; the previous month (UTC) when null.</param>
    /// <param name="cancellationToken">Cancels the run; a file already created is found again by the next run.</param>
    /// <returns>What was created, submitted, skipped and rejected.</returns>
    public async Task<UsageReport> ReportAsync(UsagePeriod? period = null, CancellationToken cancellationToken = default)
    {
        var month = period ?? UsagePeriod.PreviousMonth(timeProvider);
        UsageLog.Started(logger, month.ToString(), options.ProductIds.Count);
        var rejections = new RejectionCollector(options.MaxRejectedRecordsKept);
        var steps = new UsageFileSteps(client, options, timeProvider, logger);
        var run = new UsageFileRun(source, options, steps, rejections, logger);
        var files = new List<UsageFileOutcome>();
        ConnectApiException? unreachable = null;
        foreach (var productId in options.ProductIds.Distinct(StringComparer.Ordinal))
        {
            if (unreachable is not null)
            {
                files.Add(NotAttempted(productId, string.Empty, string.Empty, unreachable));
                continue;
            }

            unreachable = await ReportProductAsync(productId, month, run, files, cancellationToken).ConfigureAwait(false);
        }

        var report = new UsageReport { Period = month, Files = files, RejectedRecords = rejections.Kept, RejectedRecordCount = rejections.Count };
        UsageLog.Ended(logger, month.ToString(), report.CreatedCount, report.SubmittedCount, report.SkippedCount, report.ProblemCount, report.RejectedRecordCount);
        return report;
    }

    /// <summary>Reports one product's files; returns the error when Connect could not be reached at all, which ends the run.</summary>
    private async Task<ConnectApiException?> ReportProductAsync(string productId, UsagePeriod period, UsageFileRun run, List<UsageFileOutcome> files, CancellationToken cancellationToken)
    {
        List<IGrouping<string, Asset>> contracts;
        try
        {
            var product = await client.GetProductAsync(productId, cancellationToken).ConfigureAwait(false);
            if (CheckProduct(product, productId) is { } problem)
            {
                files.Add(ProductFailure(productId, problem));
                return null;
            }

            var query = new AssetQuery
            {
                ProductIds = [productId],
                Environments = [.. options.Environments],
                Statuses = options.AssetStatuses.Count > 0 ? [.. options.AssetStatuses] : DefaultStatuses,
            };
            var assets = new List<Asset>();
            await foreach (var asset in client.ListAssetsAsync(query, cancellationToken).ConfigureAwait(false))
            {
                assets.Add(asset);
            }

            contracts = assets.GroupBy(a => a.Contract?.Id ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        }
        catch (ConnectApiException ex)
        {
            files.Add(ProductFailure(productId, $"reading product {productId} or its assets failed: {ex.Message}", ex));
            return Unreachable(ex);
        }

        ConnectApiException? unreachable = null;
        foreach (var contract in contracts)
        {
            if (contract.Key.Length == 0)
            {
                var ids = string.Join(", ", contract.Select(a => a.Id));
                files.Add(ProductFailure(productId, $"asset(s) {ids} of product {productId} have no contract, so their usage cannot be filed; they were skipped."));
                continue;
            }

            if (unreachable is not null)
            {
                files.Add(NotAttempted(productId, contract.Key, UsageIds.ExternalId(productId, contract.Key, period), unreachable));
                continue;
            }

            var outcome = await run.RunAsync(productId, contract.Key, contract.ToList(), period, cancellationToken).ConfigureAwait(false);
            files.Add(outcome);
            unreachable = Unreachable(outcome.ConnectError);
        }

        return unreachable;
    }

    /// <summary>
    /// The error when Connect gave no answer at all, after the client's retries: the rest of the run is then not
    /// attempted, as each file would only wait through the same retries. An error answer (4xx, 5xx) stops one file only.
    /// </summary>
    private ConnectApiException? Unreachable(ConnectApiException? error)
    {
        if (error is not { StatusCode: 0 })
        {
            return null;
        }

        UsageLog.ConnectUnreachable(logger, error.Message);
        return error;
    }

    /// <summary>A file (or product) the run did not attempt because Connect could not be reached before it.</summary>
    private static UsageFileOutcome NotAttempted(string productId, string contractId, string externalId, ConnectApiException unreachable) => Failure(
        productId, contractId, externalId, "not attempted: Connect could not be reached earlier in this run; the next run for the month carries on from here.", unreachable);

    /// <summary>Why a product cannot be reported, or null: it must be pay-as-you-go with a schema this version writes.</summary>
    private static string? CheckProduct(Product product, string productId)
    {
        if (product.Capabilities?.Ppu is not { } ppu)
        {
            return $"product {productId} has no pay-as-you-go capability (capabilities.ppu), so it takes no usage files.";
        }

        if (ppu.Schema.Value is null || ppu.Schema == UsageSchema.Quantity)
        {
            return null;
        }

        return $"product {productId} uses the {ppu.Schema.Value.ToUpperInvariant()} usage schema, which this version does not write: only QT (quantity) "
            + "is supported, because the columns the TR, CR and PR schemas require are not documented well enough to fill safely.";
    }

    /// <summary>A failure of the whole product, counted with the files so that the counter adds up to the report.</summary>
    private static UsageFileOutcome ProductFailure(string productId, string error, ConnectApiException? connectError = null)
        => Failure(productId, string.Empty, string.Empty, error, connectError);

    /// <summary>A failed outcome decided here, without a file run; counted like the files'.</summary>
    private static UsageFileOutcome Failure(string productId, string contractId, string externalId, string error, ConnectApiException? connectError)
    {
        var outcome = new UsageFileOutcome
        {
            ProductId = productId,
            ContractId = contractId,
            ExternalId = externalId,
            Kind = UsageFileOutcomeKind.Failed,
            Errors = [error],
            ConnectError = connectError,
        };
        UsageTelemetry.FileDone(null, outcome);
        return outcome;
    }
}
