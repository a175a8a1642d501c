namespace Connect.Fulfillment.Testing;

/// <summary>One webhook notification the sandbox sent, with its outcome; it never holds the token.</summary>
public sealed class WebhookDelivery
{
    /// <summary>The <see cref="Kind"/> of a call to a validation webhook.</summary>
    public const string ValidationKind = "validation";

    /// <summary>The <see cref="Kind"/> of a call to an events webhook.</summary>
    public const string EventsKind = "events";

    internal WebhookDelivery(string kind, Uri url, string requestId, int? statusCode, DateTimeOffset time, int attempts, string? problem)
    {
        Kind = kind;
        Url = url;
        RequestId = requestId;
        StatusCode = statusCode;
        Time = time;
        Attempts = attempts;
        Problem = problem;
    }

    /// <summary>Gets the webhook kind: <c>validation</c> or <c>events</c>.</summary>
    public string Kind { get; }

    /// <summary>Gets the URL called.</summary>
    public Uri Url { get; }

    /// <summary>Gets the id of the request the notification was about.</summary>
    public string RequestId { get; }

    /// <summary>Gets the HTTP status of the last answer, or null when no answer came (refused connection, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>Gets when the last attempt ended, by the sandbox's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets how many times it was sent (events are retried after a failure).</summary>
    public int Attempts { get; }

    /// <summary>Gets why the last attempt failed, or null when it succeeded.</summary>
    public string? Problem { get; }

    /// <summary>Gets a value indicating whether the webhook finally answered 2xx (and, for validation, a readable body).</summary>
    public bool Succeeded => Problem is null;

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {RequestId} → {Url}: {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} after {Attempts} attempt(s)" + (Problem is null ? string.Empty : $" ({Problem})");
}
