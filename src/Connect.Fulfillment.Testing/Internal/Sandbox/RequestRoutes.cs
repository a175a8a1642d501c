using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Fulfillment requests: <c>/requests</c>, <c>/requests/{id}</c> and the transition calls on them.</summary>
internal static class RequestRoutes
{
    public static void Map(IEndpointRouteBuilder api, SandboxStore store, RequestTransitions transitions)
    {
        var requests = api.MapGroup("/requests");
        requests.MapGet(string.Empty, (HttpContext http) => store.List(store.Requests.Items, http.Request.QueryString.Value));
        requests.MapGet("/{id}", (string id) => store.With(store.Requests, id, "Request", r => ApiResult.Json(200, r)));
        requests.MapPut("/{id}", (string id, HttpContext http) => On(id, http, (r, body) => transitions.Update(r, body)));
        requests.MapPost("/{id}/approve", (string id, HttpContext http) => On(id, http, transitions.Approve));
        requests.MapPost("/{id}/fail", (string id, HttpContext http) => On(id, http, transitions.Fail));
        requests.MapPost("/{id}/inquire", (string id, HttpContext http) => On(id, http, transitions.Inquire));
        requests.MapPost("/{id}/pend", (string id, HttpContext http) => On(id, http, (r, _) => transitions.Pend(r)));
        requests.MapPost("/{id}/schedule", (string id, HttpContext http) => On(id, http, transitions.Schedule));
        requests.MapPost("/{id}/assign", (string id, HttpContext http) => On(id, http, transitions.Assign));
        requests.MapPost("/{id}/unassign", (string id, HttpContext http) => On(id, http, (r, _) => transitions.Unassign(r)));

        ApiResult On(string id, HttpContext http, Func<JsonObject, JsonObject?, ApiResult> handle)
        {
            var body = SandboxCall.Of(http).Body;
            return store.With(store.Requests, id, "Request", r => handle(r, body));
        }
    }
}
