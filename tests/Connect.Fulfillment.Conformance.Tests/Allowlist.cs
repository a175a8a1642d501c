namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>A request violation the client commits on purpose, with the evidence for it (also in docs/client.md).</summary>
/// <param name="Operation">The <see cref="Operation.Name"/> it applies to.</param>
/// <param name="Location">Prism's location of the violation.</param>
/// <param name="Code">Prism's rule.</param>
/// <param name="Evidence">Why Connect is right and the spec is not, or why the conforming form is not harmless.</param>
public sealed record AllowedViolation(string Operation, string Location, string Code, string Evidence);

/// <summary>
/// An answer Prism builds from the spec that the client does not read, because the spec's response schema is wrong
/// where Connect's real answers (the fixtures, read by <see cref="PayloadTests"/>) are right.
/// </summary>
/// <param name="Operation">The <see cref="Operation.Name"/> prefix it applies to.</param>
/// <param name="Failure">A fragment of the client's error message.</param>
/// <param name="Evidence">Why the spec's response is wrong.</param>
public sealed record ResponseLimitation(string Operation, string Failure, string Evidence);

/// <summary>The short, explicit list of deliberate deviations from the spec.</summary>
public static class Allowlist
{
    public static IReadOnlyList<ResponseLimitation> Responses { get; } =
    [
        new(
            "UpdateRequestParameters",
            "with an empty (null) FulfillmentRequest",
            "The spec gives PUT /requests/{id}'s 200 answer an empty schema, so Prism answers null. Connect answers the updated "
            + "request: fixture request_purchase_pending_put_response.python-sdk.json (connect-python-sdk), read by PayloadTests."),
        new(
            "GetAsset",
            "$.params[0]",
            "The spec types an asset's params as an array of arrays of parameters. Connect sends a flat array of parameter "
            + "objects, like a request's asset.params: fixture asset_active.python-sdk.json, read by PayloadTests."),
        new(
            "GetTierConfigRequest",
            "$.params",
            "The spec's dp.TierConfigRequestRead types params as a string. Connect sends a list of parameter objects: fixtures "
            + "tier_config_request_setup_pending.devops-testing-library.json, tier_config_request_setup_approved.php-sdk.json and "
            + "tier_config_requests_list_pending.python-sdk.json, read by PayloadTests."),
        new(
            "ListUsageFiles",
            "the same items as at offset 0",
            "The spec's /usage/files list answer declares no Content-Range header, so Prism answers every offset with the same "
            + "example page and the client stops the listing as a server that ignores offset. Connect's list endpoints send "
            + "Content-Range (docs/connect-api.md, components.headers.Content-Range; the usage list takes the same RQL limit/offset "
            + "parameters, usage.RQL1000Pagination); GetUsageFilesPage, which reads one page, conforms."),
    ];

    public static IReadOnlyList<AllowedViolation> Entries { get; } =
    [
        new(
            "UpdateTierConfigRequestParameters",
            "request.body",
            "required",
            "The spec's PUT /tier/config-requests/{id} body requires 'configuration' (whose only field, id, is read-only). Every "
            + "CloudBlue client sends params alone: connect-processor-template-for-python tier_fulfillment.py, connect-python-sdk "
            + "TierConfigAutomation, connect-javascript-sdk. Sending the configuration would cost a read before every update, and "
            + "what Connect does with an empty one is unknown."),
        new(
            "UpdateRequestParameters checkbox",
            "request.body.asset.params.0.structured_value",
            "required",
            "The spec allows only an address or a phone object as structured_value. Connect stores checkbox values there as "
            + "{\"<choice>\":true|false} (fixture request_purchase_pending.processors-toolkit.json, CATEGORIES; connect-devops-testing-library "
            + "sends structured_value for such params)."),
        new(
            "UpdateRequestParameters checkbox",
            "request.body.asset.params.0.structured_value",
            "oneOf",
            "Same deviation as above: a checkbox's structured_value is neither of the spec's two shapes."),
    ];
}
