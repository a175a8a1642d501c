using Connect.Fulfillment.Usage;
using Microsoft.Extensions.Configuration;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// The processor's second mode: <c>usage</c> as the first argument reports pay-as-you-go usage for one month
/// (<c>Usage:Period</c>, <c>yyyy-MM</c>, default the previous month in UTC) instead of processing requests.
/// </summary>
internal static class UsageMode
{
    /// <summary>The first argument that selects the mode.</summary>
    public const string Argument = "usage";

    /// <summary>The key of the reported month.</summary>
    public const string PeriodKey = "Usage:Period";

    /// <summary>Whether the arguments select the usage mode; the mode's argument is taken off the ones passed on.</summary>
    public static bool Select(ref string[] args)
    {
        if (args.Length == 0 || !string.Equals(args[0], Argument, StringComparison.Ordinal))
        {
            return false;
        }

        args = args[1..];
        return true;
    }

    /// <summary>
    /// The month to report, or the problem as one line naming <see cref="PeriodKey"/>: not a <c>yyyy-MM</c> month, or a
    /// month not over yet (a usage file is submitted once, so an unfinished month would be filed incomplete for good).
    /// </summary>
    public static UsagePeriod? Period(IConfiguration configuration, TimeProvider clock, out string? problem)
    {
        problem = null;
        var current = UsagePeriod.Containing(clock.GetUtcNow());
        if (configuration[PeriodKey] is not { } text)
        {
            return current.Previous();
        }

        if (!UsagePeriod.TryParse(text, out var period))
        {
            problem = $"{PeriodKey} must be a month written yyyy-MM, for example {current.Previous()}; got '{Check.Shorten(text)}'.";
            return null;
        }

        if (period >= current)
        {
            problem = $"{PeriodKey} {period} is not over yet (it ends {VendorUsageApi.Instant(period.End)}); report a month once it has ended, for example {current.Previous()}.";
            return null;
        }

        return period;
    }
}
