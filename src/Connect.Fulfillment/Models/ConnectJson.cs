using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>
/// Reads and writes Connect models exactly as the client does (source-generated, snake_case, tolerant of unknown
/// fields, nulls and numbers where strings are expected). Useful to build models from JSON in your own tests.
/// </summary>
public static class ConnectJson
{
    /// <summary>The serializer options of the client's source-generated context (read-only).</summary>
    public static JsonSerializerOptions Options => ConnectJsonContext.Default.Options;

    /// <summary>Reads a fulfillment request.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="JsonException">The text is not a JSON object of that shape; the message ends with the JSON path at fault.</exception>
    public static FulfillmentRequest DeserializeRequest(string json)
        => Read(json, ConnectJsonContext.Default.FulfillmentRequest) ?? throw new JsonException("The JSON is null, not a request.");

    /// <summary>Reads a list of fulfillment requests, as <c>GET /requests</c> returns it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The requests.</returns>
    /// <exception cref="JsonException">The text is not a JSON array of requests; the message ends with the JSON path at fault.</exception>
    public static IReadOnlyList<FulfillmentRequest> DeserializeRequests(string json)
        => Read(json, ConnectJsonContext.Default.ListFulfillmentRequest) ?? throw new JsonException("The JSON is null, not a list.");

    /// <summary>Reads a tier configuration request.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="JsonException">The text is not a JSON object of that shape; the message ends with the JSON path at fault.</exception>
    public static TierConfigRequest DeserializeTierConfigRequest(string json)
        => Read(json, ConnectJsonContext.Default.TierConfigRequest) ?? throw new JsonException("The JSON is null, not a tier configuration request.");

    /// <summary>Writes a fulfillment request as Connect would send it.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(FulfillmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Serialize(request, ConnectJsonContext.Default.FulfillmentRequest);
    }

    private static T? Read<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException ex)
        {
            throw JsonErrors.WithPath(ex);
        }
    }
}
