using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Conversations: <c>/conversations</c>, one by its id or its request's id, and its messages.</summary>
internal static class ConversationRoutes
{
    public static void Map(IEndpointRouteBuilder api, SandboxStore store)
    {
        var conversations = api.MapGroup("/conversations");
        conversations.MapGet(string.Empty, (HttpContext http) => store.List(store.Conversations.Items, http.Request.QueryString.Value));
        conversations.MapGet("/{id}", (string id) => On(store, id, store.ConversationWithMessages));
        conversations.MapGet("/{id}/messages", (string id) => On(store, id, c => ListPage.All(store.MessagesOf(c))));
        conversations.MapPost("/{id}/messages", (string id, HttpContext http) => On(store, id, c => Post(store, c, SandboxCall.Of(http).Body)));
    }

    private static ApiResult On(SandboxStore store, string id, Func<JsonObject, JsonNode> handle) =>
        On(store, id, c => ApiResult.Json(200, handle(c)));

    private static ApiResult On(SandboxStore store, string id, Func<JsonObject, ApiResult> handle) =>
        store.Read(s => s.FindConversation(id) is { } c ? handle(c) : ApiResult.NotFound($"Conversation {id} not found."));

    private static ApiResult Post(SandboxStore store, JsonObject conversation, JsonObject? body)
    {
        var text = JsonPath.GetString(body, "text");
        if (string.IsNullOrEmpty(text))
        {
            return ApiResult.Error(400, "VAL_001", "text: This field is required.");
        }

        var message = new JsonObject
        {
            ["id"] = store.Ids.NextMessage(),
            ["conversation"] = JsonPath.GetString(conversation, "id"),
            ["created"] = store.Now(),
            ["creator"] = new JsonObject { ["id"] = "SU-000-000-000", ["name"] = "Sandbox Automation" },
            ["text"] = text,
            ["type"] = JsonPath.GetString(body, "type") ?? "message",
        };
        store.MessagesOf(conversation).Add(message);
        return ApiResult.Json(201, message);
    }
}
