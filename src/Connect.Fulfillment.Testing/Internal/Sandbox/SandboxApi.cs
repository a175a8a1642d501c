using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Builds the sandbox web app: the call pipeline, then the Connect routes under <see cref="ConnectSandbox.BasePath"/>.</summary>
internal static class SandboxApi
{
    public static void Map(WebApplication app, SandboxPipeline pipeline, SandboxStore store)
    {
        app.Use(pipeline.InvokeAsync);
        app.UseRouting();
        var api = app.MapGroup(ConnectSandbox.BasePath);
        api.AddEndpointFilter<SandboxEndpointFilter>();
        var requests = new RequestTransitions(store);
        RequestRoutes.Map(api, store, requests);
        TierConfigRequestRoutes.Map(api, store, new TierConfigTransitions(store, requests));
        AssetRoutes.Map(api, store);
        ProductRoutes.Map(api, store);
        ConversationRoutes.Map(api, store);
    }
}
