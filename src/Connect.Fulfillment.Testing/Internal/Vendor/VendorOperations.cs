using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Vendor;

/// <summary>The fake vendor's subscription operations and the status each one needs and leaves.</summary>
internal static class VendorOperations
{
    public const string Create = "create";
    public const string Cancel = "cancel";
    public const string Change = "change";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Usage = "usage";

    public static bool IsSubscriptionOperation(string operation) => operation is Cancel or Change or Suspend or Resume;

    /// <summary>The status after <paramref name="operation"/>, or why it is refused (409 for the state, 400 for the body).</summary>
    public static (string? Next, (int Status, string Reason)? Refusal) Transition(string operation, string status, JsonObject? body) => operation switch
    {
        Cancel when status == "cancelled" => (null, (409, "is already cancelled")),
        Cancel => ("cancelled", null),
        _ when status == "cancelled" => (null, (409, "is cancelled")),
        Change when status != "active" => (null, (409, $"is {status}")),
        Change when body?["items"] is not JsonArray => (null, (400, "cannot change without items")),
        Change => ("active", null),
        Suspend when status == "suspended" => (null, (409, "is already suspended")),
        Suspend => ("suspended", null),
        Resume when status != "suspended" => (null, (409, "is not suspended")),
        Resume => ("active", null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown subscription operation."),
    };
}
