using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Hosting.Internal;

/// <summary>Checks <see cref="FulfillmentWorkerOptions"/> when the host starts; each failure names the property.</summary>
internal sealed class FulfillmentWorkerOptionsValidator : IValidateOptions<FulfillmentWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, FulfillmentWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var max = FulfillmentWorkerOptions.MaxInterval;
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > max)
        {
            failures.Add($"FulfillmentWorkerOptions.Interval must be between 1 second and 1 day; got {options.Interval}.");
        }

        if (options.UnhealthyAfter is { } after && (after < options.Interval || after > max))
        {
            failures.Add($"FulfillmentWorkerOptions.UnhealthyAfter must be between the interval ({options.Interval}) and 1 day; got {after}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
