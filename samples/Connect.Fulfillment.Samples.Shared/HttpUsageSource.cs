using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Reads an asset's usage from the vendor: the subscription id from the asset's fulfillment parameter
/// (<c>Fulfillment:SubscriptionIdParameter</c>, default <c>subscription_id</c>, as for cancel), then
/// <c>GET {Vendor:BaseUrl}/subscriptions/{id}/usage?from=&lt;ISO&gt;&amp;to=&lt;ISO&gt;</c> answering
/// <c>[{"mpn": "…", "quantity": 12.5}]</c>; each line becomes a record covering the whole period. Anything that
/// prevents a complete answer — no subscription id, an id that is not one, 404, our credentials refused, the vendor
/// down after the retries, an unreadable answer — throws, so that the reporter holds the contract's file back
/// instead of filing a month with a subscription missing. Records are checked by the reporter (MPN of the asset,
/// quantity not negative).
/// </summary>
public sealed partial class HttpUsageSource(
    VendorUsageApi vendor,
    IOptions<FulfillmentSettings> fulfillment,
    VendorCredentialsMonitor credentials,
    VendorOutageMonitor outages,
    ILogger<HttpUsageSource> logger) : IUsageSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<UsageRecord> GetUsageAsync(Asset asset, UsagePeriod period, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var parameter = fulfillment.Value.SubscriptionIdParameter.Trim();
        if (!asset.TryGetNonEmptyParameterValue(ParameterPhase.Fulfillment, parameter, out var value) || value.Trim() is not { Length: > 0 } subscriptionId)
        {
            throw new VendorUsageException($"the fulfillment parameter '{parameter}' holding the vendor subscription id is missing or empty, so its usage cannot be read");
        }

        if (!VendorSubscriptionIds.IsValid(subscriptionId))
        {
            throw new VendorUsageException(
                $"'{Check.Shorten(SecretMask.OneLine(subscriptionId))}' in '{parameter}' is not a vendor subscription id (1 to {VendorSubscriptionIds.MaxLength} letters, digits, '-', '_' or '.'); it was not sent to the vendor");
        }

        VendorResponse response;
        try
        {
            response = await vendor.GetUsageAsync(subscriptionId, period, cancellationToken);
        }
        catch (Exception ex) when (VendorFailures.IsTransient(ex, cancellationToken))
        {
            outages.Failed();
            LogUnreachable(logger, subscriptionId, ex.GetType().Name);
            throw new VendorUsageException($"the vendor could not be reached for the usage of subscription '{subscriptionId}' after 2 retries ({VendorFailures.Describe(ex)})", ex);
        }

        LogAnswer(logger, subscriptionId, (int)response.StatusCode);
        foreach (var line in Parse(response, subscriptionId))
        {
            yield return new UsageRecord { Mpn = line.Mpn!, Quantity = line.Quantity!.Value };
        }
    }

    private List<VendorUsageLine> Parse(VendorResponse response, string subscriptionId)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            credentials.Refused(status);
            throw new VendorUsageException($"the vendor refused our credentials (HTTP {status}) reading the usage of subscription '{subscriptionId}': check Vendor:ApiKey");
        }

        if (VendorOutageMonitor.IsOutage(response.StatusCode))
        {
            outages.Failed();
            throw new VendorUsageException($"the vendor answered HTTP {status} to the usage of subscription '{subscriptionId}' after 2 retries ({response.Message()})");
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new VendorUsageException($"the vendor has no subscription '{subscriptionId}' ({response.Message()})");
        }

        if (!response.IsSuccess)
        {
            throw new VendorUsageException($"the vendor refused the usage of subscription '{subscriptionId}' (HTTP {status}: {response.Message()})");
        }

        List<VendorUsageLine>? lines;
        try
        {
            lines = JsonSerializer.Deserialize(response.Body, VendorUsageJsonContext.Default.ListVendorUsageLine);
        }
        catch (JsonException)
        {
            lines = null;
        }

        if (lines is null || lines.Any(l => l is null || string.IsNullOrWhiteSpace(l.Mpn) || l.Quantity is null))
        {
            throw new VendorUsageException($"the vendor's usage answer for subscription '{subscriptionId}' is not a JSON list of {{\"mpn\", \"quantity\"}} lines");
        }

        return lines;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Vendor answered {StatusCode} to the usage of subscription {SubscriptionId}")]
    private static partial void LogAnswer(ILogger logger, string subscriptionId, int statusCode);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Usage of vendor subscription {SubscriptionId} could not be read after retries ({Error}); the file is held back")]
    private static partial void LogUnreachable(ILogger logger, string subscriptionId, string error);
}

/// <summary>An asset's usage could not be read from the vendor; the message says why, without secrets.</summary>
public sealed class VendorUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VendorUsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    public VendorUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public VendorUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
