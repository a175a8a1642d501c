using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;
using Connect.Fulfillment.Testing.Internal.Webhooks;

namespace Connect.Fulfillment.Testing;

/// <summary>Draft requests and dynamic validation: the sandbox plays Connect's side of the validation webhook.</summary>
public sealed partial class SandboxRequests
{
    private readonly SandboxWebhooks _webhooks;
    private readonly DraftValidation _drafts;

    /// <summary>
    /// Adds a draft request, as a customer ordering a product with Dynamic Validation does, and has it validated: when
    /// the product has a validation webhook (<see cref="ProductBuilder.ValidationWebhook"/>) the request JSON is posted
    /// to it with a signed JWT, the answer's ordering <c>value_error</c>s (and changed values) are copied into the draft,
    /// and the draft becomes <c>pending</c> when none is left, else stays <c>draft</c> carrying them. Without a
    /// validation webhook the draft becomes pending directly. A draft that becomes pending is announced to the events
    /// webhook, if any. As in Connect, the draft's asset is <c>draft</c> too, and <c>processing</c> once the request is
    /// pending (an asset status set in <paramref name="configure"/> other than the default is kept).
    /// </summary>
    /// <param name="configure">Changes to the defaults of <see cref="Add"/>; the status is set to <c>draft</c> afterwards.</param>
    /// <param name="cancellationToken">Cancels waiting for the webhook (the draft stays stored).</param>
    /// <returns>The outcome; a webhook that is down, slow, failing or answering garbage leaves the draft as it was and <see cref="SandboxDraftResult.Problem"/> says why.</returns>
    public async Task<SandboxDraftResult> AddDraftAsync(Action<RequestBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = new RequestBuilder(Seeds.DefaultRequest(_state));
        configure?.Invoke(builder);
        builder.Status(DraftValidation.Draft);
        DraftValidation.MarkAssetDraft(builder.Request);
        var id = _state.AddRequest(builder.Request);
        return await _drafts.ValidateAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes the value of a draft's parameter, as the customer correcting an order does, and has the draft validated
    /// again as in <see cref="AddDraftAsync"/>. The parameter's <c>value_error</c> is left for the validator to clear.
    /// </summary>
    /// <param name="requestId">The id of a request in <c>draft</c>.</param>
    /// <param name="parameterId">The id of one of its asset parameters.</param>
    /// <param name="value">The new value.</param>
    /// <param name="cancellationToken">Cancels waiting for the webhook (the new value stays stored).</param>
    /// <returns>The outcome of the new validation.</returns>
    /// <exception cref="ArgumentException">The request or the parameter does not exist.</exception>
    /// <exception cref="InvalidOperationException">The request is not a draft.</exception>
    public async Task<SandboxDraftResult> UpdateDraftAsync(string requestId, string parameterId, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentException.ThrowIfNullOrEmpty(parameterId);
        ArgumentNullException.ThrowIfNull(value);
        _state.Read(s =>
        {
            var request = s.Requests.Get(requestId) ?? throw new ArgumentException($"There is no request {requestId}.", nameof(requestId));
            if (JsonPath.GetString(request, "status") is var status && status != DraftValidation.Draft)
            {
                throw new InvalidOperationException($"The request {requestId} is {status}, not a draft.");
            }

            var parameter = ParameterRules.Find((request["asset"] as JsonObject)?["params"] as JsonArray, parameterId)
                ?? throw new ArgumentException($"The request {requestId} has no parameter {parameterId}.", nameof(parameterId));
            parameter["value"] = value;
            request["updated"] = s.Now();
            return true;
        });
        return await _drafts.ValidateAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a request and announces it to the events webhook when it arrives pending.</summary>
    private string Store(JsonObject request)
    {
        var pending = JsonPath.GetString(request, "status") == DraftValidation.Pending;
        var productId = JsonPath.GetString(request, "asset.product.id");
        var id = _state.AddRequest(request);
        if (pending)
        {
            _webhooks.Events.NotifyPending(id, productId);
        }

        return id;
    }
}
