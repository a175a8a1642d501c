using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// The start-up checks of the sample hosts. Each returns the first problem as one line naming the configuration key
/// (the host prints it and exits with code 2), or null when all is well.
/// </summary>
public static partial class SampleStartup
{
    /// <summary>Exit code of an invalid configuration.</summary>
    public const int ExitInvalidConfiguration = 2;

    /// <summary>Prints a problem found by a check as one line on stderr.</summary>
    /// <param name="problem">The problem, or null.</param>
    /// <returns>Whether there was a problem (the host then exits with <see cref="ExitInvalidConfiguration"/>).</returns>
    public static async Task<bool> ReportAsync(string? problem)
    {
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync("error: " + problem);
        }

        return problem is not null;
    }

    /// <summary>
    /// Checks the keys .NET itself reads while the host is built, before any options validation could report them:
    /// every <c>Logging:…:LogLevel:…</c> value, and the given true/false keys.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="booleanKeys">Keys that must be <c>true</c> or <c>false</c> when set.</param>
    /// <returns>The problem, or null.</returns>
    public static string? CheckBeforeBuild(IConfiguration configuration, params string[] booleanKeys)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (key, value) in configuration.GetSection("Logging").AsEnumerable())
        {
            var path = key.Split(':');
            var isLevel = path.Length >= 3 && path[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase);
            if (isLevel && value is not null && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
            {
                return $"{key} must be a log level (Trace, Debug, Information, Warning, Error, Critical or None); got '{Check.Shorten(value)}'.";
            }
        }

        foreach (var key in booleanKeys)
        {
            if (configuration[key] is { } value && !bool.TryParse(value, out _))
            {
                return $"{key} must be true or false; got '{Check.Shorten(value)}'.";
            }
        }

        return null;
    }

    /// <summary>
    /// Runs every validation the host would run at start (the sample settings first, then the library's options), so
    /// that a problem is reported as one line before anything starts, never as a stack trace.
    /// </summary>
    /// <param name="services">The built host's services.</param>
    /// <returns>The problem, or null.</returns>
    public static string? CheckAtStart(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            _ = services.GetRequiredService<IOptions<ConnectSettings>>().Value;
            _ = services.GetRequiredService<IOptions<VendorSettings>>().Value;
            _ = services.GetRequiredService<IOptions<FulfillmentSettings>>().Value;

            // Then the host's own settings and the library's options, all registered with ValidateOnStart.
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex) when (Describe(ex) is { } line)
        {
            return line;
        }
    }

    private static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.FirstOrDefault() ?? validation.Message,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null),

        InvalidOperationException { Message: var message } when BinderFailure().Match(message) is { Success: true } match => match.Groups["type"].Value switch
        {
            "System.Int32" => $"{match.Groups["key"].Value} must be a whole number; got '{Check.Shorten(match.Groups["value"].Value)}'.",
            "System.Boolean" => $"{match.Groups["key"].Value} must be true or false; got '{Check.Shorten(match.Groups["value"].Value)}'.",
            var type => $"{match.Groups["key"].Value} is not a valid {type}.",
        },
        _ => null,
    };

    // The configuration binder's "Failed to convert configuration value 'x' at 'Section:Key' to type 'System.Int32'.".
    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
