namespace Connect.Fulfillment.Testing;

/// <summary>What became of a draft request after the sandbox, playing Connect, had it validated.</summary>
public sealed class SandboxDraftResult
{
    internal SandboxDraftResult(string requestId, string status, IReadOnlyDictionary<string, string> errors, int? webhookStatusCode, string? problem)
    {
        RequestId = requestId;
        Status = status;
        Errors = errors;
        WebhookStatusCode = webhookStatusCode;
        Problem = problem;
    }

    /// <summary>Gets the request id (<c>PR-…</c>).</summary>
    public string RequestId { get; }

    /// <summary>Gets the request's status now: <c>pending</c> when it passed validation, else <c>draft</c>.</summary>
    public string Status { get; }

    /// <summary>Gets the ordering parameters' errors the draft now carries: parameter id → <c>value_error</c>, only non-empty ones.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>Gets the HTTP status the validation webhook answered, or null when it was not called or did not answer.</summary>
    public int? WebhookStatusCode { get; }

    /// <summary>Gets why validation could not be done (webhook down, timed out, non-2xx, unreadable answer), or null when it was done or not needed.</summary>
    public string? Problem { get; }

    /// <summary>Gets a value indicating whether the request is now pending.</summary>
    public bool IsPending => Status == "pending";

    /// <inheritdoc />
    public override string ToString() =>
        $"{RequestId}: {Status}" + (Errors.Count > 0 ? $", errors: {string.Join(", ", Errors.Keys)}" : string.Empty) + (Problem is null ? string.Empty : $" ({Problem})");
}
