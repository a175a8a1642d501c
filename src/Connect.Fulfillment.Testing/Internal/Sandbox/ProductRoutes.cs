using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Products and their templates (read-only): <c>/products/{id}</c>, <c>/products/{id}/templates[/{templateId}]</c>.</summary>
internal static class ProductRoutes
{
    public static void Map(IEndpointRouteBuilder api, SandboxStore store)
    {
        var products = api.MapGroup("/products/{productId}");
        products.MapGet(string.Empty, (string productId) => store.Read(s =>
            s.Products.TryGetValue(productId, out var p) ? ApiResult.Json(200, p) : ProductNotFound(productId)));
        products.MapGet("/templates", (string productId, HttpContext http) => store.Read(s =>
            s.Products.ContainsKey(productId)
                ? ListPage.Create(s.Templates.Items.Where(t => SandboxStore.ProductOf(t) == productId), http.Request.QueryString.Value, s.MaxPageSize, SandboxStore.PublicTemplate)
                : ProductNotFound(productId)));
        products.MapGet("/templates/{templateId}", (string productId, string templateId) => store.Read(s =>
            s.Templates.Get(templateId) is { } t && SandboxStore.ProductOf(t) == productId
                ? ApiResult.Json(200, SandboxStore.PublicTemplate(t))
                : ApiResult.NotFound($"Template {templateId} not found.")));
    }

    private static ApiResult ProductNotFound(string productId) => ApiResult.NotFound($"Product {productId} not found.");
}
