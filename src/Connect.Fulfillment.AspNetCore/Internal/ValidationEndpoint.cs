using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Handles one validation call: token, size, JSON and shape checks, then the validators of the request's kind within
/// the time budget, then the JSON Connect sent with the validators' changes written in.
/// </summary>
internal sealed class ValidationEndpoint(
    WebhookAuthenticator authenticator,
    IOptions<ConnectWebhookOptions> options,
    IOptions<ValidatorRegistry> registry,
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    ILogger<ValidationEndpoint> logger)
{
    private readonly ConnectWebhookOptions settings = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        using var activity = ConnectWebhookTelemetry.ActivitySource.StartActivity("connect.webhook.validation");
        try
        {
            await HandleCoreAsync(context, activity).ConfigureAwait(false);
        }
        finally
        {
            activity?.SetTag("http.response.status_code", context.Response.StatusCode);
            ConnectWebhookTelemetry.CountCall("validation", context.Response.StatusCode);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, Activity? activity)
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

        if (!ValidationRequest.TryRead(body, out var request, out var code, out var problem))
        {
            WebhookLog.BadRequest(logger, context.Request.Path, problem);
            await WebhookResponses.BadRequestAsync(context, code, problem).ConfigureAwait(false);
            return;
        }

        activity?.SetTag("connect.request.id", request.Id);
        if (request.Context is not { } validation)
        {
            WebhookLog.NotValidated(logger, request.Id, request.Status, request.Type);
            await WriteAsync(context, request.Json).ConfigureAwait(false);
            return;
        }

        activity?.SetTag("connect.validation.kind", validation.Kind.ToString());
        var validators = ValidatorsFor(validation);
        if (validators.Count == 0)
        {
            WebhookLog.NoValidator(logger, request.Id, validation.Kind);
            await WriteAsync(context, request.Json).ConfigureAwait(false);
            return;
        }

        if (!await RunWithinBudgetAsync(context, request, validators).ConfigureAwait(false))
        {
            return;
        }

        ValidationJson.Apply(request.Json, validation is TierConfigValidationContext, validation.Changes);
        WebhookLog.Validated(logger, request.Id, validation.Kind, validation.Changes.Count, validation.HasErrors);
        await WriteAsync(context, request.Json).ConfigureAwait(false);
    }

    private List<Func<IServiceProvider, CancellationToken, Task>> ValidatorsFor(ConnectValidationContext validation) => validation switch
    {
        FulfillmentValidationContext fulfillment => [.. registry.Value.FulfillmentValidators(fulfillment.Kind)
            .Select(create => (Func<IServiceProvider, CancellationToken, Task>)((services, token) => create(services).ValidateAsync(fulfillment, token)))],
        TierConfigValidationContext tier => [.. registry.Value.TierConfigValidators(tier.Kind)
            .Select(create => (Func<IServiceProvider, CancellationToken, Task>)((services, token) => create(services).ValidateAsync(tier, token)))],
        _ => [],
    };

    /// <summary>Runs the validators; false when the call was answered (500) or abandoned instead.</summary>
    private async Task<bool> RunWithinBudgetAsync(HttpContext context, ValidationRequest request, List<Func<IServiceProvider, CancellationToken, Task>> validators)
    {
        var validation = request.Context!;
        using var budget = new CancellationTokenSource(settings.ValidatorTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, context.RequestAborted);
        var run = RunAllAsync(validators, linked.Token);
        try
        {
            // WaitAsync stops waiting even for a validator that ignores its token; the run then ends on its own.
            await run.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            WebhookLog.ValidationAbandoned(logger, request.Id);
            return false;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            WebhookLog.ValidatorTimedOut(logger, request.Id, validation.Kind, settings.ValidatorTimeout);
        }
#pragma warning disable CA1031 // Any validator failure becomes the generic 500 answer; the cause goes to the log.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailure(request, validation.Kind, exception);
        }

        _ = run.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await WebhookResponses.ValidationFailedAsync(context).ConfigureAwait(false);
        return false;
    }

    private async Task RunAllAsync(List<Func<IServiceProvider, CancellationToken, Task>> validators, CancellationToken cancellationToken)
    {
        // The scope lives as long as the validators do, even past a timeout, so none of them sees disposed services.
        await using var scope = scopeFactory.CreateAsyncScope();
        foreach (var validate in validators)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await validate(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private void LogFailure(ValidationRequest request, ConnectValidationKind kind, Exception exception)
    {
        var text = exception.ToString();
        var secrets = request.Context!.Parameters.Where(p => p.IsSecret && !string.IsNullOrEmpty(p.Value)).Select(p => p.Value!).ToList();
        if (!secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)))
        {
            WebhookLog.ValidatorFailed(logger, request.Id, kind, exception);
            return;
        }

        var message = exception.Message;
        foreach (var secret in secrets)
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        WebhookLog.ValidatorFailedRedacted(logger, request.Id, kind, exception.GetType().FullName ?? "Exception", message);
    }

    private static async Task WriteAsync(HttpContext context, JsonObject json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        json.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
