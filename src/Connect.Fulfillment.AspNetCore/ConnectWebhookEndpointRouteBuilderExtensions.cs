using Connect.Fulfillment.AspNetCore.Internal;
using Connect.Fulfillment.Pipeline;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the Connect webhook endpoints. Both check Connect's JWT themselves, so they are marked to allow anonymous
/// callers: an application-wide authorization policy does not lock Connect out.
/// </summary>
public static class ConnectWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as the validation webhook (Connect's "Draft fulfillment request
    /// validations" and the other validator types): it runs the validators registered for the request's kind and
    /// answers 200 with the request JSON, every field as received but the changed <c>value_error</c> and <c>value</c>.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, for example <c>/connect/validation</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddConnectWebhooks</c> was not called.</exception>
    public static IEndpointConventionBuilder MapConnectValidation(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var handler = Required<ValidationEndpoint>(endpoints, nameof(MapConnectValidation));
        return endpoints.MapPost(pattern, handler.HandleAsync).AllowAnonymous();
    }

    /// <summary>
    /// Maps <c>POST</c> and <c>GET <paramref name="pattern"/></c> as the events webhook ("request queue changed"): a call
    /// naming a request (<c>request_id</c> or <c>id</c> in a JSON body) has it processed by the pipeline, a call naming
    /// none has the pipeline run; the call is answered 202 at once and the work done in the background, at most once at
    /// a time per request.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, for example <c>/connect/events</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddConnectWebhooks</c> was not called, or no fulfillment pipeline is registered for <see cref="Connect.Fulfillment.AspNetCore.ConnectWebhookOptions.PipelineName"/>.</exception>
    public static IEndpointConventionBuilder MapConnectEvents(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var handler = Required<EventsEndpoint>(endpoints, nameof(MapConnectEvents));
        var name = endpoints.ServiceProvider.GetRequiredService<IOptions<Connect.Fulfillment.AspNetCore.ConnectWebhookOptions>>().Value.PipelineName ?? string.Empty;
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsKeyedService>() is { } isKeyed && !isKeyed.IsKeyedService(typeof(FulfillmentPipeline), name))
        {
            throw new InvalidOperationException($"{nameof(MapConnectEvents)} needs a fulfillment pipeline{(name.Length == 0 ? string.Empty : $" for the account \"{name}\"")}: call services.AddConnectFulfillment(...).AddFulfillmentPipeline(...).");
        }

        return endpoints.MapMethods(pattern, ["POST", "GET"], handler.HandleAsync).AllowAnonymous();
    }

    private static T Required<T>(IEndpointRouteBuilder endpoints, string method)
        where T : notnull
        => endpoints.ServiceProvider.GetService<T>()
            ?? throw new InvalidOperationException($"{method} needs the webhook services: call services.AddConnectWebhooks(...) first.");
}
