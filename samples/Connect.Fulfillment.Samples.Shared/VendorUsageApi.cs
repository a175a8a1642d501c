using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Connect.Fulfillment.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Samples;

/// <summary>One line of the vendor's usage answer: <c>{"mpn": "…", "quantity": 12.5}</c>.</summary>
/// <param name="Mpn">The item's MPN.</param>
/// <param name="Quantity">The consumed quantity, a JSON number.</param>
public sealed record VendorUsageLine(
    [property: JsonPropertyName("mpn")] string? Mpn,
    [property: JsonPropertyName("quantity")] decimal? Quantity);

/// <summary>Source-generated JSON metadata of the vendor's usage answer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<VendorUsageLine>))]
public sealed partial class VendorUsageJsonContext : JsonSerializerContext;

/// <summary>
/// The vendor's usage endpoint, <c>GET {Vendor:BaseUrl}/subscriptions/{id}/usage?from=…&amp;to=…</c>, on the same
/// vendor <see cref="HttpClient"/> as the adapters (bearer key, standard resilience, 1 MiB answer limit). A GET is
/// safe to replay, so it is retried like an idempotent POST. The bearer key is masked in the answers it returns.
/// </summary>
public sealed class VendorUsageApi(IHttpClientFactory httpClientFactory)
{
    /// <summary>Reads a subscription's usage for a period.</summary>
    /// <param name="subscriptionId">The vendor subscription id, already checked by <see cref="VendorSubscriptionIds.IsValid"/>.</param>
    /// <param name="period">The period: <c>from</c> is its first instant, <c>to</c> the next period's first instant, UTC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer after the retries.</returns>
    public async Task<VendorResponse> GetUsageAsync(string subscriptionId, UsagePeriod period, CancellationToken cancellationToken)
    {
        if (!VendorSubscriptionIds.IsValid(subscriptionId))
        {
            throw new ArgumentException("Not a vendor subscription id.", nameof(subscriptionId));
        }

        var http = httpClientFactory.CreateClient(SampleServiceCollectionExtensions.VendorHttpClientName);
        var secrets = SecretMask.ForKeys(http.DefaultRequestHeaders.Authorization?.Parameter);
        var path = string.Create(CultureInfo.InvariantCulture, $"subscriptions/{subscriptionId}/usage?from={Instant(period.Start)}&to={Instant(period.End)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        return await VendorExchange.SendAsync(http, secrets, request, cancellationToken);
    }

    /// <summary>An instant as UTC ISO 8601 to the second, for example <c>2026-11-01T00:00:00Z</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The check a vendor subscription id passes before it becomes a path segment.</summary>
public static class VendorSubscriptionIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Whether a value can be a vendor subscription id: 1 to 64 ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>,
    /// starting with a letter or digit. Anything that could leave its path segment (<c>/</c>, <c>?</c>, <c>%</c>,
    /// <c>..</c>, spaces, control characters) never is one.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it is safe to send.</returns>
    public static bool IsValid(string? value)
        => !string.IsNullOrEmpty(value) && value.Length <= MaxLength && char.IsAsciiLetterOrDigit(value[0])
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

/// <summary>Counts vendor calls that failed for want of the vendor (unreachable, timed out, 5xx after retries) in a run.</summary>
public sealed class VendorOutageMonitor
{
    private int outages;

    /// <summary>How many vendor calls failed because the vendor could not be reached or kept failing.</summary>
    public int Outages => Volatile.Read(ref outages);

    /// <summary>Records an outage.</summary>
    public void Failed() => Interlocked.Increment(ref outages);

    /// <summary>Whether an answer means the vendor is down rather than refusing this call.</summary>
    /// <param name="status">The HTTP status after the retries.</param>
    /// <returns>True for 408, 429 and 5xx.</returns>
    public static bool IsOutage(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
