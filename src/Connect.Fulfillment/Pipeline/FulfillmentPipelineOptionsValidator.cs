using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Pipeline;

/// <summary>Validates <see cref="FulfillmentPipelineOptions"/>; each failure names the setting at fault.</summary>
public sealed class FulfillmentPipelineOptionsValidator : IValidateOptions<FulfillmentPipelineOptions>
{
    private static readonly string[] KnownEnvironments = ["preview", "test", "production"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FulfillmentPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Lists what is wrong with the options; empty when they are valid.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IEnumerable<string> Check(FulfillmentPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = nameof(FulfillmentPipelineOptions) + ".";
        if (options.Products is null || options.Products.Count == 0 || options.Products.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Prefix}{nameof(options.Products)} must list at least one product id (PRD-…), with no empty entries.";
        }

        foreach (var environment in options.Environments ?? [])
        {
            if (!KnownEnvironments.Contains(environment))
            {
                yield return $"{Prefix}{nameof(options.Environments)} has '{environment}'; use preview, test or production.";
            }
        }

        if (options.MaxConcurrency is < 1 or > 1024)
        {
            yield return $"{Prefix}{nameof(options.MaxConcurrency)} must be between 1 and 1024; got {options.MaxConcurrency}.";
        }

        if (options.ReplicaCount < 1)
        {
            yield return $"{Prefix}{nameof(options.ReplicaCount)} must be at least 1; got {options.ReplicaCount}.";
        }
        else if (options.ReplicaIndex < 0 || options.ReplicaIndex >= options.ReplicaCount)
        {
            yield return $"{Prefix}{nameof(options.ReplicaIndex)} must be between 0 and {nameof(options.ReplicaCount)} - 1 ({options.ReplicaCount - 1}); got {options.ReplicaIndex}.";
        }

        if (string.IsNullOrWhiteSpace(options.ApproveTemplateId) && string.IsNullOrWhiteSpace(options.ApproveTemplateName))
        {
            yield return $"{Prefix}{nameof(options.ApproveTemplateName)} must be set when {nameof(options.ApproveTemplateId)} is not.";
        }

        if (options.HandlerTimeout <= TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.HandlerTimeout)} must be positive; got {options.HandlerTimeout}.";
        }

        if (options.ShutdownGracePeriod < TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.ShutdownGracePeriod)} must not be negative; got {options.ShutdownGracePeriod}.";
        }

        if (options.MaxListingPasses < 1)
        {
            yield return $"{Prefix}{nameof(options.MaxListingPasses)} must be at least 1; got {options.MaxListingPasses}.";
        }
    }
}
