using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Vendors;

/// <summary>Reads the vendor subscription id from a request's fulfillment parameter.</summary>
internal static class SubscriptionIdParameter
{
    /// <summary>The trimmed value of the parameter, or null when the parameter is missing or empty.</summary>
    public static string? Read(FulfillmentRequest request, string parameterId)
    {
        var parameter = request.Asset?.Params.FirstOrDefault(p =>
            p.Id == parameterId && (p.Phase == ParameterPhase.Fulfillment || string.IsNullOrEmpty(p.Phase.Value)));
        return string.IsNullOrWhiteSpace(parameter?.Value) ? null : parameter.Value.Trim();
    }
}
