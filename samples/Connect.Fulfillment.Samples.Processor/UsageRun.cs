using Connect.Fulfillment.Query;
using Connect.Fulfillment.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// One run of the usage mode: a first Connect call to tell unreachable or refused from the rest, the reporter over
/// every configured product for the month, the <see cref="UsageReportText"/> on stdout, one line on stderr for what
/// spoiled the run, and the exit code.
/// </summary>
internal sealed class UsageRun(IServiceProvider services, DemoEnvironment? demo, UsagePeriod period, TextWriter stdout, TextWriter stderr)
{
    // What is printed quotes Connect and the vendor; neither key may appear in it, whatever they echo.
    private readonly SecretMask secrets = SecretMask.ForKeys(
        services.GetRequiredService<IOptions<ConnectSettings>>().Value.ApiKey,
        services.GetRequiredService<IOptions<VendorSettings>>().Value.ApiKey);

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (demo is not null)
        {
            demo.SeedUsageDemo();
            await stderr.WriteLineAsync(demo.Notice);
        }

        await stderr.WriteLineAsync($"usage: reporting {period} ({VendorUsageApi.Instant(period.Start)} to {VendorUsageApi.Instant(period.End)})");
        UsageReport report;
        try
        {
            await CheckConnectAsync(cancellationToken);
            report = await services.GetRequiredService<UsageReporter>().ReportAsync(period, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("cancelled: a file already created is found again by the next run for the same month.");
            return ExitCodes.Cancelled;
        }
        catch (ConnectApiException ex)
        {
            return Describe(ex);
        }

        await stdout.WriteAsync(UsageReportText.Format(report, secrets));
        if (demo is not null)
        {
            await stdout.WriteLineAsync("usage files (sandbox):");
            foreach (var line in demo.DescribeUsageFiles(report.Files.Select(f => f.UsageFileId).OfType<string>()))
            {
                await stdout.WriteLineAsync("  " + line);
            }
        }

        await stdout.WriteAsync(UsageReportText.FormatCounts(report));
        await stdout.FlushAsync(CancellationToken.None);
        return await ExitCodeAsync(report);
    }

    private async Task<int> ExitCodeAsync(UsageReport report)
    {
        // Connect failing part-way ends the run with the processing mode's codes (3 refused, 4 unreachable), as when it
        // fails on the first call; the files before the failure were reported and are listed above the counts.
        var connectErrors = report.Files.Select(f => f.ConnectError).OfType<ConnectApiException>().ToList();
        var connectError = connectErrors.FirstOrDefault(e => e is ConnectUnauthorizedException)
            ?? connectErrors.FirstOrDefault(e => e.IsOutcomeUnknown || e is ConnectRateLimitedException);
        if (connectError is not null)
        {
            return ConnectFailure.Describe(connectError, secrets, stderr, "the files marked failed above were not reported; run again for the same month");
        }

        var vendorCredentials = services.GetRequiredService<VendorCredentialsMonitor>();
        if (vendorCredentials.Refusals > 0)
        {
            await stderr.WriteLineAsync($"error: the vendor refused our credentials (HTTP {vendorCredentials.LastStatus}) on {vendorCredentials.Refusals} usage calls: check Vendor:ApiKey. Those files were held back; run again for the same month once fixed.");
            return ExitCodes.VendorCredentialsRefused;
        }

        var outages = services.GetRequiredService<VendorOutageMonitor>().Outages;
        if (outages > 0)
        {
            await stderr.WriteLineAsync($"error: the vendor could not be reached (or kept failing) on {outages} usage calls. Those files were held back; run again for the same month later.");
            return UsageExitCodes.VendorUnreachable;
        }

        if (!report.Succeeded)
        {
            await stderr.WriteLineAsync($"error: {report.ProblemCount} usage file(s) need attention and {report.RejectedRecordCount} record(s) were rejected; see the lines above the counts.");
            return UsageExitCodes.PartialFailure;
        }

        return ExitCodes.Ok;
    }

    /// <summary>One cheap call first, so that credentials refused and Connect unreachable end the run with their own codes.</summary>
    private async Task CheckConnectAsync(CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<UsageReportingOptions>>().Value;
        var client = services.GetRequiredService<IConnectClient>();
        await client.GetUsageFilesPageAsync(new UsageFileQuery { ProductIds = [.. options.ProductIds] }, 0, 1, cancellationToken);
    }

    private int Describe(ConnectApiException error) => ConnectFailure.Describe(error, secrets, stderr, "no usage was reported");
}
