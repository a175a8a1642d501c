using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connect.Fulfillment.Testing;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// What a customer does in Connect, for a person or a test in another process (docs/testing.md, "Inspecting it from
/// another process"): <c>POST /_sandbox/drafts</c> orders a purchase draft of the seeded product and has it validated
/// by the product's validation webhook; <c>POST /_sandbox/drafts/{id}</c> corrects one of its parameters and has it
/// validated again; <c>POST /_sandbox/cancels</c> adds a pending cancel of a subscription the vendor knows. Requests
/// that become pending are announced to the events webhook by the sandbox.
/// </summary>
internal sealed partial class OrderRoutes(ConnectSandbox sandbox, FakeVendorServer? vendor, SandboxView view)
{
    /// <summary>The largest body taken; Kestrel refuses a larger one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string DraftsPath = "/_sandbox/drafts";
    private const string CancelsPath = "/_sandbox/cancels";
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 8 };

    private int _cancels;

    /// <summary>Whether the path is one of these routes (any method).</summary>
    public static bool Handles(string path) =>
        path is DraftsPath or CancelsPath || path.StartsWith(DraftsPath + "/", StringComparison.Ordinal);

    /// <summary>Answers a POST to one of these routes.</summary>
    public async Task AnswerAsync(HttpContext context, string path)
    {
        if (path == CancelsPath)
        {
            await AddCancelAsync(context);
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, BodyOptions, context.RequestAborted);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "The body is not valid JSON.");
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context);
            return;
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "The body must be a JSON object.");
            }
            else if (path == DraftsPath)
            {
                await AddDraftAsync(context, body.RootElement);
            }
            else
            {
                await UpdateDraftAsync(context, path[(DraftsPath.Length + 1)..], body.RootElement);
            }
        }
    }

    /// <summary><c>{"customer_domain": "…", "other_parameter": "…"}</c>: every property is an ordering parameter's value.</summary>
    private async Task AddDraftAsync(HttpContext context, JsonElement body)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var property in body.EnumerateObject())
        {
            var problem = property switch
            {
                _ when !ParameterId().IsMatch(property.Name) => "Property names are ordering parameter ids: 1 to 64 letters, digits, '_', '-' or '.'.",
                _ when property.Name == SeededProduct.SubscriptionId => $"'{SeededProduct.SubscriptionId}' is a fulfillment parameter; the processor fills it in.",
                _ when property.Value.ValueKind != JsonValueKind.String => $"'{property.Name}' must be a string.",
                _ when values.Exists(v => v.Key == property.Name) => $"'{property.Name}' is given twice.",
                _ => null,
            };
            if (problem is not null)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
                return;
            }

            values.Add(new(property.Name, property.Value.GetString()!));
        }

        if (!values.Exists(v => v.Key == SeededProduct.CustomerDomain))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"'{SeededProduct.CustomerDomain}' is required (a string).");
            return;
        }

        // Not cancelled with the caller: an order placed stays placed, and is validated (within the webhook timeout) and listed.
        var result = await sandbox.Requests.AddDraftAsync(r => SeededProduct.Draft(r, values), CancellationToken.None);
        view.Track(result.RequestId, subscriptionId: null);
        await InspectionServer.WriteJsonAsync(context, StatusCodes.Status200OK, json => WriteResult(json, result));
    }

    /// <summary><c>{"parameter": "customer_domain", "value": "…"}</c> for a request in <c>draft</c>.</summary>
    private async Task UpdateDraftAsync(HttpContext context, string requestId, JsonElement body)
    {
        if (!RequestId().IsMatch(requestId))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "A request id looks like PR-1234-5678-9012-001.");
            return;
        }

        if (body.EnumerateObject().Any(p => p.Name is not ("parameter" or "value"))
            || !body.TryGetProperty("parameter", out var parameter) || parameter.ValueKind != JsonValueKind.String || !ParameterId().IsMatch(parameter.GetString()!)
            || !body.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "The body must be {\"parameter\": \"<parameter id>\", \"value\": \"<new value>\"}, both strings.");
            return;
        }

        var status = sandbox.GetRequestStatus(requestId);
        if (status is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"There is no request {requestId}.");
            return;
        }

        SandboxDraftResult result;
        try
        {
            result = await sandbox.Requests.UpdateDraftAsync(requestId, parameter.GetString()!, value.GetString()!, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, e.Message);
            return;
        }
        catch (ArgumentException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"The request {requestId} has no parameter '{parameter.GetString()}'.");
            return;
        }

        await InspectionServer.WriteJsonAsync(context, StatusCodes.Status200OK, json => WriteResult(json, result));
    }

    /// <summary>No body: a pending cancel of a new active subscription, known to the vendor before the request exists.</summary>
    private async Task AddCancelAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _cancels);
        var subscriptionId = string.Create(CultureInfo.InvariantCulture, $"SUB-C{n:00000}");
        var assetId = string.Create(CultureInfo.InvariantCulture, $"AS-9000-0000-{n:0000}");

        // Seeded first: the sandbox announces the cancel as it is added, and it may be processed at once.
        vendor?.SeedSubscription(subscriptionId, assetId, SeededProduct.ProductId);
        var requestId = sandbox.Requests.Add(r => SeededProduct.Cancel(r, assetId, subscriptionId));
        view.Track(requestId, subscriptionId);
        await InspectionServer.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("request_id", requestId);
            json.WriteString("status", sandbox.GetRequestStatus(requestId));
            json.WriteString("subscription_id", subscriptionId);
            json.WriteEndObject();
        });
    }

    private static void WriteResult(Utf8JsonWriter json, SandboxDraftResult result)
    {
        json.WriteStartObject();
        json.WriteString("request_id", result.RequestId);
        json.WriteString("status", result.Status);
        json.WriteStartObject("errors");
        foreach (var (parameterId, message) in result.Errors)
        {
            json.WriteString(parameterId, message);
        }

        json.WriteEndObject();
        if (result.WebhookStatusCode is { } statusCode)
        {
            json.WriteNumber("webhook_status_code", statusCode);
        }
        else
        {
            json.WriteNull("webhook_status_code");
        }

        json.WriteString("problem", result.Problem);
        json.WriteEndObject();
    }

    /// <summary>Kestrel drops the connection after a body it did not read, so the client is told not to reuse it.</summary>
    private static Task TooLargeAsync(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KiB.");
    }

    private static Task ErrorAsync(HttpContext context, int statusCode, string message) =>
        InspectionServer.WriteJsonAsync(context, statusCode, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        });

    [GeneratedRegex("^PR-[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}$")]
    private static partial Regex RequestId();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ParameterId();
}
