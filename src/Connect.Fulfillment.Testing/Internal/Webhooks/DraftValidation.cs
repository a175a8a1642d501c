using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>
/// Connect's side of dynamic validation: the stored draft goes to the product's validation webhook, the ordering
/// parameters' <c>value_error</c> (and changed <c>value</c>) of the answer are copied back, and a draft left without
/// errors becomes pending. When validation cannot be done the draft stays as it was and the result says why.
/// </summary>
internal sealed class DraftValidation(SandboxStore store, SandboxWebhooks webhooks)
{
    public const string Draft = "draft";
    public const string Pending = "pending";

    public async Task<SandboxDraftResult> ValidateAsync(string requestId, CancellationToken cancellationToken)
    {
        var (json, productId) = store.Read(s => s.Requests.Get(requestId) is { } r
            ? (r.ToJsonString(), JsonPath.GetString(r, "asset.product.id"))
            : throw new InvalidOperationException($"The request {requestId} was removed before it could be validated."));
        if (webhooks.Registry.ValidationOf(productId) is not { } target)
        {
            // Nothing validates drafts of this product: it is ordered as it is.
            return Settle(requestId, productId, answered: null, statusCode: null, problem: null);
        }

        var answer = await webhooks.Sender.PostAsync(target, json, webhooks.Timeout, cancellationToken).ConfigureAwait(false);
        var problem = answer.Problem;
        JsonArray? answered = null;
        if (problem is null)
        {
            (answered, problem) = ReadParameters(answer.Body);
        }

        webhooks.Log.Add(new WebhookDelivery(WebhookDelivery.ValidationKind, target.Url, requestId, answer.StatusCode, webhooks.TimeProvider.GetUtcNow(), 1, problem));
        return Settle(requestId, productId, answered, answer.StatusCode, problem);
    }

    /// <summary>Errors of the ordering parameters, only non-empty ones.</summary>
    public static Dictionary<string, string> ErrorsOf(JsonObject request)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in OrderingParameters(request))
        {
            if (JsonPath.GetString(p, "value_error") is { Length: > 0 } error && JsonPath.GetString(p, "id") is { } id)
            {
                errors[id] = error;
            }
        }

        return errors;
    }

    private static IEnumerable<JsonObject> OrderingParameters(JsonObject request) =>
        ((request["asset"] as JsonObject)?["params"] as JsonArray)?.OfType<JsonObject>().Where(p => JsonPath.GetString(p, "phase") == "ordering") ?? [];

    private static (JsonArray? Parameters, string? Problem) ReadParameters(string? body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body ?? string.Empty);
        }
        catch (JsonException e)
        {
            return (null, $"The validation answer is not JSON: {e.Message}");
        }

        return ((node as JsonObject)?["asset"] as JsonObject)?["params"] is JsonArray parameters
            ? (parameters, null)
            : (null, "The validation answer is not a request with asset.params.");
    }

    /// <summary>
    /// A draft's subscription is a draft too (as in Connect's own draft purchases); it becomes <c>processing</c> with the
    /// request's move to pending. An asset status the test set explicitly, other than the default, is kept.
    /// </summary>
    /// <param name="request">The draft request.</param>
    public static void MarkAssetDraft(JsonObject request)
    {
        if (request["asset"] is JsonObject asset && JsonPath.GetString(asset, "status") is null or "processing")
        {
            asset["status"] = Draft;
        }
    }

    private SandboxDraftResult Settle(string requestId, string? productId, JsonArray? answered, int? statusCode, string? problem)
    {
        // Read takes the store's lock; the draft is changed inside it so API calls never see half an update.
        var result = store.Read(s =>
        {
            if (s.Requests.Get(requestId) is not { } request)
            {
                return new SandboxDraftResult(requestId, Draft, new Dictionary<string, string>(), statusCode, problem ?? "The request was removed while it was validated.");
            }

            if (JsonPath.GetString(request, "status") != Draft)
            {
                return new SandboxDraftResult(requestId, JsonPath.GetString(request, "status") ?? string.Empty, ErrorsOf(request), statusCode, problem ?? "The request stopped being a draft while it was validated.");
            }

            if (answered is not null)
            {
                CopyAnswer(request, answered);
                request["updated"] = s.Now();
            }

            var errors = ErrorsOf(request);
            if (problem is null && (answered is null || errors.Count == 0))
            {
                request["status"] = Pending;
                request["updated"] = s.Now();
                if (request["asset"] is JsonObject asset && JsonPath.GetString(asset, "status") == Draft)
                {
                    asset["status"] = "processing";
                }
            }

            return new SandboxDraftResult(requestId, JsonPath.GetString(request, "status")!, errors, statusCode, problem);
        });

        if (result.Status == Pending && result.Problem is null)
        {
            webhooks.Events.NotifyPending(requestId, productId);
        }

        return result;
    }

    private static void CopyAnswer(JsonObject request, JsonArray answered)
    {
        foreach (var parameter in OrderingParameters(request))
        {
            var id = JsonPath.GetString(parameter, "id");
            if (ParameterRules.Find(answered, id!) is not { } answer)
            {
                continue;
            }

            parameter["value_error"] = JsonPath.GetString(answer, "value_error") ?? string.Empty;
            if (JsonPath.GetString(answer, "value") is { } value && value != JsonPath.GetString(parameter, "value"))
            {
                parameter["value"] = value;
            }
        }
    }
}
