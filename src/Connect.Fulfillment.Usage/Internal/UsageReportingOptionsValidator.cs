using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>Validates <see cref="UsageReportingOptions"/> at start; each failure names the setting at fault.</summary>
internal sealed class UsageReportingOptionsValidator : IValidateOptions<UsageReportingOptions>
{
    public static IReadOnlyList<string> Check(UsageReportingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.ProductIds.Count == 0)
        {
            problems.Add("UsageReportingOptions.ProductIds must name at least one pay-as-you-go product.");
        }

        if (options.ProductIds.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("UsageReportingOptions.ProductIds must not hold empty ids.");
        }

        if (options.Environments.Any(e => string.IsNullOrWhiteSpace(e.Value)))
        {
            problems.Add("UsageReportingOptions.Environments must not hold empty values.");
        }

        if (options.AssetStatuses.Any(s => string.IsNullOrWhiteSpace(s.Value)))
        {
            problems.Add("UsageReportingOptions.AssetStatuses must not hold empty values.");
        }

        if (options.Currency is { } currency && (currency.Length is < 3 or > 20 || currency.Any(char.IsWhiteSpace)))
        {
            problems.Add($"UsageReportingOptions.Currency \"{currency}\" is not a currency code such as USD.");
        }

        if (options.ProcessingPollInterval < TimeSpan.Zero || options.ProcessingPollInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add("UsageReportingOptions.ProcessingPollInterval must be between 0 and 10 minutes.");
        }

        if (options.ProcessingTimeout < TimeSpan.Zero || options.ProcessingTimeout > TimeSpan.FromHours(2))
        {
            problems.Add("UsageReportingOptions.ProcessingTimeout must be between 0 and 2 hours.");
        }

        if (options.MaxRejectedRecordsKept < 0)
        {
            problems.Add("UsageReportingOptions.MaxRejectedRecordsKept must not be negative.");
        }

        if (options.WorkDirectory is { } folder && !Directory.Exists(folder))
        {
            problems.Add($"UsageReportingOptions.WorkDirectory \"{folder}\" does not exist.");
        }

        return problems;
    }

    public ValidateOptionsResult Validate(string? name, UsageReportingOptions options)
    {
        var problems = Check(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
