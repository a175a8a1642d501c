using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Vendors;

/// <summary>Turns a vendor answer into a request outcome, the same way for every built-in handler.</summary>
internal static class VendorOutcomes
{
    public static RequestOutcome From(VendorResult result, string action, string? subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(result);
        var subject = subscriptionId is null ? "the vendor" : $"vendor subscription '{subscriptionId}'";
        return result.Kind switch
        {
            VendorResultKind.Succeeded or VendorResultKind.AlreadyDone => RequestOutcome.Approve(),
            VendorResultKind.NotFound => RequestOutcome.Fail($"{Capitalize(subject)} was not found" + (string.IsNullOrWhiteSpace(result.Message) ? "." : $": {result.Message}")),
            VendorResultKind.Rejected => RequestOutcome.Fail(result.Message ?? $"The vendor rejected the {action}."),
            _ => RequestOutcome.RetryLater($"{action} at {subject} failed temporarily: {result.Message}"),
        };
    }

    public static RequestOutcome FromException(Exception exception, string action, string? subscriptionId)
    {
        var subject = subscriptionId is null ? "the vendor" : $"vendor subscription '{subscriptionId}'";
        return RequestOutcome.RetryLater($"{action} at {subject} failed ({exception.GetType().Name}: {exception.Message})");
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
