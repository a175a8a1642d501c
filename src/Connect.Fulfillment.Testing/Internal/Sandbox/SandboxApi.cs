using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Builds the sandbox web app: the call pipeline, then the Connect routes under <see cref="ConnectSandbox.BasePath"/>.</summary>
internal static class SandboxApi
{
    public static void Map(WebApplication app, SandboxPipeline pipeline, SandboxStore store)
    {
        // Routing first: the first call of a sandbox builds the route matcher before any injected latency or fault,
        // so a test's timed retry after a faulted first call does not pay for it.
        app.UseRouting();
        app.Use(pipeline.InvokeAsync);
        var api = app.MapGroup(ConnectSandbox.BasePath);
        api.AddEndpointFilter<SandboxEndpointFilter>();
        var requests = new RequestTransitions(store);
        RequestRoutes.Map(api, store, requests);
        TierConfigRequestRoutes.Map(api, store, new TierConfigTransitions(store, requests));
        AssetRoutes.Map(api, store);
        ProductRoutes.Map(api, store);
        ConversationRoutes.Map(api, store);
        UsageFileRoutes.Map(api, store);

        // Build the endpoints now, at start, so the first call of a test is not the one that pays for it.
        foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
        {
            _ = source.Endpoints;
        }
    }
}
