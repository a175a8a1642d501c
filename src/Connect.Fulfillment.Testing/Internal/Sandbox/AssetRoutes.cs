using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Assets (read-only): <c>/assets</c> and <c>/assets/{id}</c>.</summary>
internal static class AssetRoutes
{
    public static void Map(IEndpointRouteBuilder api, SandboxStore store)
    {
        var assets = api.MapGroup("/assets");
        assets.MapGet(string.Empty, (HttpContext http) => store.List(store.Assets.Items, http.Request.QueryString.Value));
        assets.MapGet("/{id}", (string id) => store.With(store.Assets, id, "Asset", a => ApiResult.Json(200, a)));
    }
}
