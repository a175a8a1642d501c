using System.Globalization;
using System.Text.Json;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>The requests ordered while the program runs, and the webhook deliveries the sandbox made.</summary>
internal sealed partial class SandboxView
{
    private readonly Lock _gate = new();
    private readonly List<(string RequestId, string? SubscriptionId)> _ordered = [];

    /// <summary>Adds a request ordered through <see cref="OrderRoutes"/> to the views and the final lines.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="subscriptionId">Its vendor subscription when known now (a cancel), else null (a purchase gets one when processed).</param>
    public void Track(string requestId, string? subscriptionId)
    {
        lock (_gate)
        {
            _ordered.Add((requestId, subscriptionId));
        }
    }

    /// <summary>
    /// Every webhook notification that has ended, in order: kind (<c>validation</c>, <c>events</c>), request, URL, the
    /// status answered (null when none came), attempts, when, and the problem. Tokens and the secret are never kept.
    /// </summary>
    public void WriteWebhooks(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var delivery in sandbox.Webhooks.Deliveries)
        {
            json.WriteStartObject();
            json.WriteString("kind", delivery.Kind);
            json.WriteString("request_id", delivery.RequestId);
            json.WriteString("url", delivery.Url.ToString());
            if (delivery.StatusCode is { } status)
            {
                json.WriteNumber("status_code", status);
            }
            else
            {
                json.WriteNull("status_code");
            }

            json.WriteNumber("attempts", delivery.Attempts);
            json.WriteString("time", delivery.Time.ToString("O", CultureInfo.InvariantCulture));
            json.WriteBoolean("succeeded", delivery.Succeeded);
            json.WriteString("problem", delivery.Problem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The seeded requests, then the ordered ones, with the subscription known for each (or null).</summary>
    private List<(string RequestId, string? SubscriptionId)> Requests()
    {
        var all = seeded.Select(s => (s.RequestId, (string?)s.SubscriptionId)).ToList();
        lock (_gate)
        {
            all.AddRange(_ordered);
        }

        return all;
    }
}
