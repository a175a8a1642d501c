using System.ComponentModel.DataAnnotations;
using Connect.Fulfillment.Models.Internal;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// Validates <see cref="FulfillmentPipelineOptions"/> at start-up; the generated code checks the data annotations and
/// calls the options' own rules (<see cref="Rules"/>, through <see cref="IValidatableObject"/>). Each failure names the
/// setting at fault.
/// </summary>
[OptionsValidator]
internal sealed partial class FulfillmentPipelineOptionsValidator : IValidateOptions<FulfillmentPipelineOptions>
{
    private static readonly string[] KnownEnvironments = ["preview", "test", "production"];

    /// <summary>
    /// Lists everything wrong with the options, data annotations included; empty when they are valid. Used where the
    /// options are passed without dependency injection, so both paths apply the same rules.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IReadOnlyList<string> Check(FulfillmentPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FulfillmentPipelineOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    /// <summary>The rules that data annotations cannot express, checked through <see cref="IValidatableObject"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    internal static IEnumerable<string> Rules(FulfillmentPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = nameof(FulfillmentPipelineOptions) + ".";
        if (options.Products is null || options.Products.Count == 0 || options.Products.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Prefix}{nameof(options.Products)} must list at least one product id (PRD-…), with no empty entries.";
        }

        foreach (var product in options.Products ?? [])
        {
            // Compared with the product of every listed request, which must be a Connect product id.
            if (!string.IsNullOrWhiteSpace(product) && !ConnectIds.IsValid(product, ConnectIds.ProductPrefix))
            {
                yield return $"{Prefix}{nameof(options.Products)} has '{ConnectIds.Escape(product)}', which is not a Connect product id (PRD-…).";
            }
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

        if (options.MaxTransitionAttempts is < 1 or > 10)
        {
            yield return $"{Prefix}{nameof(options.MaxTransitionAttempts)} must be between 1 and 10; got {options.MaxTransitionAttempts}.";
        }

        if (options.TransitionRetryDelay < TimeSpan.Zero || options.TransitionRetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{Prefix}{nameof(options.TransitionRetryDelay)} must be between 0 and 1 minute; got {options.TransitionRetryDelay}.";
        }
    }
}
