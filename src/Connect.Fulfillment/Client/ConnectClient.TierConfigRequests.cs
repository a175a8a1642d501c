using System.Net;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

// Tier configuration requests: /tier/config-requests.
public sealed partial class ConnectClient
{
    /// <inheritdoc />
    public IAsyncEnumerable<TierConfigRequest> ListTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync("tier/config-requests", query?.ToRql(), Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<TierConfigRequest>> GetTierConfigRequestsPageAsync(TierConfigRequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync("tier/config-requests", query?.ToRql(), offset, limit, Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default)
        => CountAsync("tier/config-requests", query?.ToRql(), Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<TierConfigRequest> GetTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Get, Path("tier/config-requests", requestId), null, null, Json.TierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<TierConfigRequest> UpdateTierConfigRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default)
    {
        // The spec's body requires "configuration"; every CloudBlue client sends only "params" (and Connect accepts it),
        // and sending the configuration would take an extra read: a documented deviation (docs/client.md).
        var body = new UpdateTierConfigParametersBody(ToWire(parameters), note);
        return sender.SendAsync(HttpMethod.Put, Path("tier/config-requests", requestId), null, Content(body, WireJson.UpdateTierConfigParametersBody), Json.TierConfigRequest, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TemplateReference?> ApproveTierConfigRequestAsync(string requestId, string templateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        var path = Path("tier/config-requests", requestId, "approve");
        var body = Content(new TierApproveBody(new TierTemplate(templateId, null)), WireJson.TierApproveBody);
        using var response = await sender.SendCoreAsync(HttpMethod.Post, path, null, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var result = await sender.ReadAsync(response, HttpMethod.Post, path, Json.TierApproveResult, cancellationToken).ConfigureAwait(false);
        return result.Template is { } template ? new TemplateReference { Id = template.Id, Representation = template.Representation } : null;
    }

    /// <inheritdoc />
    public Task FailTierConfigRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return sender.SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "fail"), Content(new ReasonBody(sender.Secrets.Apply(reason)), WireJson.ReasonBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task InquireTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "inquire"), null, cancellationToken);

    /// <inheritdoc />
    public Task PendTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "pend"), null, cancellationToken);

    /// <inheritdoc />
    public Task AssignTierConfigRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return sender.SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "assign"), Content(new AssignBody(assignee.UserId, assignee.Email), WireJson.AssignBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task UnassignTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => sender.SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "unassign"), null, cancellationToken);
}
