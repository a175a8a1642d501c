using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// One run of the pipeline as the processor reports it: progress on stderr, the <see cref="Report"/> (and the demo's
/// final states) on stdout, one line on stderr for what stopped or spoiled the run, and the exit code.
/// </summary>
internal sealed class ProcessorRun(IServiceProvider services, DemoEnvironment? demo, TextWriter stdout, TextWriter stderr)
{
    // What is printed quotes Connect, the vendor and handlers; neither key may appear in it, whatever they echo.
    private readonly SecretMask secrets = SecretMask.ForKeys(
        services.GetRequiredService<IOptions<ConnectSettings>>().Value.ApiKey,
        services.GetRequiredService<IOptions<VendorSettings>>().Value.ApiKey);

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var pipeline = services.GetRequiredService<FulfillmentPipeline>();
        if (demo is not null)
        {
            await stderr.WriteLineAsync(demo.Notice);
        }

        var exitCode = ExitCodes.Ok;
        RunSummary? summary = null;
        try
        {
            using var progress = new ProgressReporter(await CountPendingAsync(pipeline.Options, cancellationToken), stderr, TimeProvider.System);
            summary = await pipeline.RunOnceAsync(cancellationToken);
            progress.Complete();
            exitCode = summary.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            exitCode = ExitCodes.Cancelled;
        }
        catch (FulfillmentRunException ex) when (CoordinationFailure.Is(ex))
        {
            summary = ex.Summary;
            exitCode = CoordinationFailure.Report(services, ex, stderr);
        }
        catch (FulfillmentRunException ex)
        {
            summary = ex.Summary;
            exitCode = Describe(ex.InnerException as ConnectApiException ?? new ConnectApiException(ex.Message));
        }
        catch (ConnectApiException ex)
        {
            exitCode = Describe(ex);
        }

        if (summary is not null)
        {
            await stdout.WriteAsync(Report.FormatDetails(summary, secrets));
            if (demo is not null)
            {
                await stdout.WriteLineAsync("subscriptions (final states):");
                foreach (var line in demo.DescribeDemoStates())
                {
                    await stdout.WriteLineAsync("  " + line);
                }
            }

            await stdout.WriteAsync(Report.FormatCounts(summary));
        }

        var vendorCredentials = services.GetRequiredService<VendorCredentialsMonitor>();
        if (vendorCredentials.Refusals > 0)
        {
            await stderr.WriteLineAsync($"error: the vendor refused our credentials (HTTP {vendorCredentials.LastStatus}) on {vendorCredentials.Refusals} calls: check Vendor:ApiKey. Those requests were not changed and stay pending for the next run.");
            exitCode = exitCode == ExitCodes.Ok ? ExitCodes.VendorCredentialsRefused : exitCode;
        }

        if (exitCode == ExitCodes.Cancelled)
        {
            await stderr.WriteLineAsync("cancelled: requests not finished stay pending and are picked up by the next run.");
        }

        await stdout.FlushAsync(CancellationToken.None);
        return exitCode;
    }

    /// <summary>The total for the progress lines, from Connect's <c>Content-Range</c>.</summary>
    private async Task<int> CountPendingAsync(FulfillmentPipelineOptions options, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<IConnectClient>();
        var environments = options.Environments.Count == 0 ? [ConnectionType.Preview] : options.Environments.Select(e => new ConnectionType(e)).ToArray();
        var total = await client.CountRequestsAsync(new RequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] }, cancellationToken);
        if (options.ProcessTierConfigRequests)
        {
            total += await client.CountTierConfigRequestsAsync(new TierConfigRequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] }, cancellationToken);
        }

        return total;
    }

    private int Describe(ConnectApiException error) => ConnectFailure.Describe(error, secrets, stderr, "the run stopped");
}
