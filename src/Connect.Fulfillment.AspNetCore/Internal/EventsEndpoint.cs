using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Handles one events call: token and size checks, then the request it names (<c>id</c> or <c>request_id</c>) — or,
/// when it names none, a pipeline run — is queued for <see cref="EventWorker"/> and the call answered 202 at once.
/// </summary>
internal sealed class EventsEndpoint(
    WebhookAuthenticator authenticator,
    EventQueue queue,
    IOptions<ConnectWebhookOptions> options,
    ILogger<EventsEndpoint> logger)
{
    private static readonly string[] IdProperties = ["request_id", "id"];

    private readonly ConnectWebhookOptions settings = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context).ConfigureAwait(false);
        }
        finally
        {
            ConnectWebhookTelemetry.CountCall("events", context.Response.StatusCode);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        if (!await authenticator.IsAuthorizedAsync(context.Request, logger).ConfigureAwait(false))
        {
            await WebhookResponses.UnauthorizedAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await BodyReader.ReadAsync(context.Request, settings.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            WebhookLog.BodyTooLarge(logger, context.Request.Path, settings.MaxBodyBytes);
            await WebhookResponses.TooLargeAsync(context, settings.MaxBodyBytes).ConfigureAwait(false);
            return;
        }

        if (!TryReadWork(body, out var work, out var code, out var problem))
        {
            WebhookLog.BadRequest(logger, context.Request.Path, problem);
            await WebhookResponses.BadRequestAsync(context, code, problem).ConfigureAwait(false);
            return;
        }

        var kind = work.RequestId is null ? "run" : work.Kind == RequestKind.TierConfiguration ? "tier_configuration" : "fulfillment";
        switch (queue.TryEnqueue(work))
        {
            case EnqueueResult.Queued:
                WebhookLog.EventQueued(logger, work.Key);
                await WebhookResponses.AcceptedAsync(context, new EventAccepted("queued", work.RequestId, kind)).ConfigureAwait(false);
                break;
            case EnqueueResult.AlreadyQueued:
                WebhookLog.EventDuplicate(logger, work.Key);
                await WebhookResponses.AcceptedAsync(context, new EventAccepted("already_queued", work.RequestId, kind)).ConfigureAwait(false);
                break;
            case EnqueueResult.Full:
                WebhookLog.EventRefused(logger, work.Key, "the event queue is full");
                context.Response.Headers.RetryAfter = "5";
                await WebhookResponses.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, WebhookResponses.Unavailable, "Too many events are waiting; try again later.").ConfigureAwait(false);
                break;
            default:
                WebhookLog.EventRefused(logger, work.Key, "the application is shutting down");
                await WebhookResponses.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, WebhookResponses.Unavailable, "The application is shutting down.").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Reads what to process. An empty body, or an object naming no request, asks for a run; an object whose
    /// <c>request_id</c> (or else <c>id</c>) is a <c>PR-…</c> or <c>TCR-…</c> id asks for that request.
    /// </summary>
    internal static bool TryReadWork(byte[] body, out EventWork work, out string code, out string problem)
    {
        work = new EventWork(RequestKind.Fulfillment, null);
        code = WebhookResponses.InvalidJson;
        problem = string.Empty;
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return true;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException exception)
        {
            problem = "The body is not valid JSON: " + exception.Message;
            return false;
        }

        code = WebhookResponses.InvalidRequest;
        if (node is not JsonObject json)
        {
            problem = "The body must be a JSON object (naming a request in \"request_id\" or \"id\") or empty.";
            return false;
        }

        try
        {
            foreach (var property in IdProperties)
            {
                if (json[property] is not { } value)
                {
                    continue;
                }

                if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String || !WebhookIds.IsValid(text.GetValue<string>()))
                {
                    problem = $"\"{property}\" is not a Connect request id (PR-… or TCR-…).";
                    return false;
                }

                var id = text.GetValue<string>();
                if (WebhookIds.IsTierConfigRequest(id))
                {
                    work = new EventWork(RequestKind.TierConfiguration, id);
                }
                else if (WebhookIds.IsFulfillmentRequest(id))
                {
                    work = new EventWork(RequestKind.Fulfillment, id);
                }
                else
                {
                    problem = $"\"{property}\" is {id}, which is neither a fulfillment request (PR-…) nor a tier configuration request (TCR-…).";
                    return false;
                }

                return true;
            }
        }
        catch (ArgumentException)
        {
            problem = "The body has a property name twice in one object.";
            return false;
        }

        return true;
    }
}
