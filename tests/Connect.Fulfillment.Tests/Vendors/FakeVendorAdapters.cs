using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Vendors;

namespace Connect.Fulfillment.Tests.Vendors;

/// <summary>A cancel adapter for the fake vendor API: the example of docs/adapters.md.</summary>
public sealed class FakeVendorCancelAdapter(HttpClient http) : IVendorCancelAdapter
{
    public async Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"subscriptions/{Uri.EscapeDataString(context.ExternalSubscriptionId)}/cancel");
        request.Headers.Add("Idempotency-Key", context.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var message = await MessageOf(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => VendorResult.Success(),
            HttpStatusCode.Conflict => VendorResult.AlreadyDone(message),
            HttpStatusCode.NotFound => VendorResult.NotFound(message),
            HttpStatusCode.UnprocessableEntity => VendorResult.Rejected(message),
            _ => VendorResult.TransientFailure($"HTTP {(int)response.StatusCode}: {message}"),
        };
    }

    internal static async Task<string> MessageOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return (string?)JsonNode.Parse(text)?["message"] ?? response.ReasonPhrase ?? "no message";
        }
        catch (System.Text.Json.JsonException)
        {
            return response.ReasonPhrase ?? "no message";
        }
    }
}

/// <summary>A purchase adapter for the fake vendor API.</summary>
public sealed class FakeVendorPurchaseAdapter(HttpClient http) : IVendorPurchaseAdapter
{
    public async Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "subscriptions")
        {
            Content = JsonContent.Create(new
            {
                asset_id = context.Asset?.Id,
                product_id = context.Request.ProductId,
                items = context.Items.Select(i => new { mpn = i.Mpn, quantity = i.QuantityValue }),
            }),
        };
        request.Headers.Add("Idempotency-Key", context.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return VendorResult.Created((string)body!["id"]!);
        }

        var message = await FakeVendorCancelAdapter.MessageOf(response, cancellationToken);
        return (int)response.StatusCode is >= 500 or 429
            ? VendorResult.TransientFailure($"HTTP {(int)response.StatusCode}: {message}")
            : VendorResult.Rejected(message);
    }
}
