using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Samples;

/// <summary>The body of <c>POST /subscriptions</c>.</summary>
/// <param name="AssetId">The Connect asset id.</param>
/// <param name="ProductId">The Connect product id.</param>
/// <param name="Items">The ordered items with a quantity above zero.</param>
public sealed record CreateSubscriptionBody(
    [property: JsonPropertyName("asset_id")] string AssetId,
    [property: JsonPropertyName("product_id")] string ProductId,
    [property: JsonPropertyName("items")] IReadOnlyList<SubscriptionItem> Items);

/// <summary>An item of <see cref="CreateSubscriptionBody"/>.</summary>
/// <param name="Mpn">The item's MPN.</param>
/// <param name="Quantity">The quantity, sent as a JSON number.</param>
public sealed record SubscriptionItem(
    [property: JsonPropertyName("mpn")] string Mpn,
    [property: JsonPropertyName("quantity")] decimal Quantity);

/// <summary>The vendor's answer to a creation: <c>{"id": "…"}</c>.</summary>
/// <param name="Id">The vendor's subscription id.</param>
public sealed record CreatedSubscription([property: JsonPropertyName("id")] string? Id);

/// <summary>The vendor's error body: <c>{"message": "…"}</c> or <c>{"error": "…"}</c>.</summary>
/// <param name="Message">The message.</param>
/// <param name="Error">The error.</param>
public sealed record VendorError(
    [property: JsonPropertyName("message")] JsonElement? Message,
    [property: JsonPropertyName("error")] JsonElement? Error);

/// <summary>Source-generated JSON metadata of the vendor API bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateSubscriptionBody))]
[JsonSerializable(typeof(CreatedSubscription))]
[JsonSerializable(typeof(VendorError))]
public sealed partial class VendorJsonContext : JsonSerializerContext;

/// <summary>A vendor answer: status, body and <c>Retry-After</c>.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The response body as text.</param>
public sealed record VendorResponse(HttpStatusCode StatusCode, string Body)
{
    /// <summary>The longest vendor message kept.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>
    /// The vendor's message: the JSON body's <c>message</c>, else its <c>error</c>, else the raw body, cut to
    /// <see cref="MaxMessageLength"/> characters; a generic text naming the status when the body is empty.
    /// </summary>
    /// <returns>The message.</returns>
    public string Message()
    {
        var text = ExtractMessage(Body);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = $"the vendor answered HTTP {(int)StatusCode} with no message";
        }

        text = text.Trim();
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    private static string? ExtractMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, VendorJsonContext.Default.VendorError);
            if (AsText(error?.Message) is { } message)
            {
                return message;
            }

            if (AsText(error?.Error) is { } errorText)
            {
                return errorText;
            }
        }
        catch (JsonException)
        {
            // Not a JSON object: the raw body is the message.
        }

        return body;
    }

    private static string? AsText(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e when !string.IsNullOrWhiteSpace(e.GetString()) => e.GetString(),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };
}

/// <summary>
/// The vendor's HTTP API used by the sample adapters: <c>POST subscriptions</c> and <c>POST subscriptions/{id}/cancel</c>,
/// each with an <c>Idempotency-Key</c>. Its <see cref="HttpClient"/> carries the base URL, the bearer key and the
/// retry rules (see <c>AddSampleProcessor</c>). The bearer key is masked in every vendor answer it returns, so that a
/// vendor error echoing it never reaches a fail reason, a log line or the printed summary.
/// </summary>
public sealed class VendorApi(HttpClient http)
{
    private readonly SecretMask secrets = SecretMask.ForKeys(http.DefaultRequestHeaders.Authorization?.Parameter);

    /// <summary>The header that makes a retried POST safe: the vendor applies a key once.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// The largest vendor answer read, in bytes (1 MiB; the vendor answers with a few hundred). Set as the
    /// <see cref="HttpClient.MaxResponseContentBufferSize"/> of the vendor client: a larger answer is not read to the end
    /// and fails the call as transient instead of filling the memory.
    /// </summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>Cancels a subscription.</summary>
    /// <param name="subscriptionId">The vendor subscription id.</param>
    /// <param name="idempotencyKey">The Connect request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer after the retries.</returns>
    public async Task<VendorResponse> CancelAsync(string subscriptionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"subscriptions/{Uri.EscapeDataString(subscriptionId)}/cancel", UriKind.Relative));
        request.Content = new ByteArrayContent([]);
        return await SendAsync(request, idempotencyKey, cancellationToken);
    }

    /// <summary>Creates a subscription.</summary>
    /// <param name="body">The body.</param>
    /// <param name="idempotencyKey">The Connect request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer after the retries.</returns>
    public async Task<VendorResponse> CreateAsync(CreateSubscriptionBody body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("subscriptions", UriKind.Relative));
        request.Content = new StringContent(JsonSerializer.Serialize(body, VendorJsonContext.Default.CreateSubscriptionBody), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await SendAsync(request, idempotencyKey, cancellationToken);
    }

    private async Task<VendorResponse> SendAsync(HttpRequestMessage request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        // Add (not TryAddWithoutValidation) rejects a key with line breaks instead of sending it.
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        return await VendorExchange.SendAsync(http, secrets, request, cancellationToken);
    }
}
