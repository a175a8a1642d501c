using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

// Fulfillment (asset) requests: /requests. Bodies follow the spec: an action the spec gives no body is sent without
// one (and without a content type); see docs/client.md, "How faithful is this client to Connect".
public sealed partial class ConnectClient
{
    /// <inheritdoc />
    public IAsyncEnumerable<FulfillmentRequest> ListRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync("requests", query?.ToRql(), Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<FulfillmentRequest>> GetRequestsPageAsync(RequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync("requests", query?.ToRql(), offset, limit, Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default)
        => CountAsync("requests", query?.ToRql(), Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Get, Path("requests", requestId), null, null, Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> UpdateRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default)
    {
        // "note" is not in the spec's PUT body but is a field of the request itself; sent only when the caller sets one.
        var body = new UpdateRequestParametersBody(new WireParameterList(ToWire(parameters)), note);
        return sender.SendAsync(HttpMethod.Put, Path("requests", requestId), null, Content(body, WireJson.UpdateRequestParametersBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> ApproveRequestAsync(string requestId, ApproveRequest approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var body = new ApproveBody(approval.TemplateId, approval.ActivationTile, FormatDate(approval.EffectiveDate));
        return sender.SendAsync(HttpMethod.Post, Path("requests", requestId, "approve"), null, Content(body, WireJson.ApproveBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> FailRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return sender.SendAsync(HttpMethod.Post, Path("requests", requestId, "fail"), null, Content(new ReasonBody(sender.Secrets.Apply(reason)), WireJson.ReasonBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> InquireRequestAsync(string requestId, string? templateId = null, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Post, Path("requests", requestId, "inquire"), null, Content(new TemplateIdBody(templateId), WireJson.TemplateIdBody), Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> PendRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Post, Path("requests", requestId, "pend"), null, null, Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> ScheduleRequestAsync(string requestId, DateTimeOffset plannedDate, CancellationToken cancellationToken = default)
    {
        var body = new PlannedDateBody(FormatDate(plannedDate)!);
        return sender.SendAsync(HttpMethod.Post, Path("requests", requestId, "schedule"), null, Content(body, WireJson.PlannedDateBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task AssignRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return sender.SendNoContentAsync(HttpMethod.Post, Path("requests", requestId, "assign"), Content(new AssignBody(assignee.UserId, assignee.Email), WireJson.AssignBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task UnassignRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendNoContentAsync(HttpMethod.Post, Path("requests", requestId, "unassign"), null, cancellationToken);
}
