using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Tier configuration requests: <c>/tier/config-requests</c>, one by id, and the transition calls on them.</summary>
internal static class TierConfigRequestRoutes
{
    private const string Noun = "Tier config request";

    public static void Map(IEndpointRouteBuilder api, SandboxStore store, TierConfigTransitions transitions)
    {
        var tcrs = api.MapGroup("/tier/config-requests");
        tcrs.MapGet(string.Empty, (HttpContext http) => store.List(store.TierConfigRequests.Items, http.Request.QueryString.Value));
        tcrs.MapGet("/{id}", (string id) => store.With(store.TierConfigRequests, id, Noun, t => ApiResult.Json(200, t)));
        tcrs.MapPut("/{id}", (string id, HttpContext http) => On(id, http, transitions.Update));
        tcrs.MapPost("/{id}/approve", (string id, HttpContext http) => On(id, http, transitions.Approve));
        tcrs.MapPost("/{id}/fail", (string id, HttpContext http) => On(id, http, transitions.Fail));
        tcrs.MapPost("/{id}/inquire", (string id, HttpContext http) => On(id, http, (t, _) => transitions.Inquire(t)));
        tcrs.MapPost("/{id}/pend", (string id, HttpContext http) => On(id, http, (t, _) => transitions.Pend(t)));
        tcrs.MapPost("/{id}/assign", (string id, HttpContext http) => On(id, http, TierConfigTransitions.Assign));
        tcrs.MapPost("/{id}/unassign", (string id, HttpContext http) => On(id, http, (t, _) => TierConfigTransitions.Unassign(t)));

        ApiResult On(string id, HttpContext http, Func<JsonObject, JsonObject?, ApiResult> handle)
        {
            var body = SandboxCall.Of(http).Body;
            return store.With(store.TierConfigRequests, id, Noun, t => handle(t, body));
        }
    }
}
