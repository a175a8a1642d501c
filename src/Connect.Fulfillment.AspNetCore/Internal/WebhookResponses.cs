using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Writes the endpoints' answers. Errors take Connect's own error shape (<c>{"error_code": …, "errors": […]}</c>);
/// a 401 carries no body at all, so a caller learns nothing about why its token failed.
/// </summary>
internal static class WebhookResponses
{
    public const string InvalidJson = "INVALID_JSON";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unavailable = "UNAVAILABLE";

    public static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    public static Task TooLargeAsync(HttpContext context, long maxBytes)
        => ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, PayloadTooLarge, $"The body is larger than {maxBytes} bytes.");

    public static Task BadRequestAsync(HttpContext context, string code, string message)
        => ErrorAsync(context, StatusCodes.Status400BadRequest, code, message);

    /// <summary>The answer when a validator failed or ran out of time: it says nothing of the cause, which is in the log.</summary>
    public static Task ValidationFailedAsync(HttpContext context)
        => ErrorAsync(context, StatusCodes.Status500InternalServerError, ValidationFailed, "The request could not be validated.");

    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new WebhookError(code, [message]), WebhookJsonContext.Default.WebhookError, cancellationToken: context.RequestAborted);
    }

    public static Task AcceptedAsync(HttpContext context, EventAccepted accepted)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        return context.Response.WriteAsJsonAsync(accepted, WebhookJsonContext.Default.EventAccepted, cancellationToken: context.RequestAborted);
    }
}

/// <summary>An error answer in Connect's error shape.</summary>
internal sealed record WebhookError(string ErrorCode, IReadOnlyList<string> Errors);

/// <summary>The answer of the events endpoint.</summary>
/// <param name="Status"><c>queued</c>, or <c>already_queued</c> when the same work waits or runs already.</param>
/// <param name="RequestId">The request to process; null for a pipeline run.</param>
/// <param name="Kind"><c>fulfillment</c>, <c>tier_configuration</c> or <c>run</c>.</param>
internal sealed record EventAccepted(string Status, string? RequestId, string Kind);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookError))]
[JsonSerializable(typeof(EventAccepted))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
