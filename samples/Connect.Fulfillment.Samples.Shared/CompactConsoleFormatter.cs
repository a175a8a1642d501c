using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// One line per log entry — <c>time level: category[event] message</c> — with an exception shown as its types and
/// messages only, never as a stack trace (the samples' output stays readable for people and log collectors).
/// </summary>
public sealed class CompactConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name.</summary>
    public const string FormatterName = "compact";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(OneLine(message ?? string.Empty));
        for (var exception = logEntry.Exception; exception is not null; exception = exception.InnerException)
        {
            textWriter.Write(" | ");
            textWriter.Write(exception.GetType().Name);
            textWriter.Write(": ");
            textWriter.Write(OneLine(exception.Message));
        }

        textWriter.Write('\n');
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    // Lines joined, then any other control character (a terminal escape from the wire, for example) escaped.
    private static string OneLine(string text) => SecretMask.OneLine(text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
        ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        : text);
}

/// <summary>Registers the samples' console logging.</summary>
public static class CompactConsoleLoggingExtensions
{
    /// <summary>Replaces the console loggers with one writing every entry to stderr through <see cref="CompactConsoleFormatter"/>.</summary>
    /// <param name="logging">The logging builder.</param>
    /// <returns>The logging builder.</returns>
    public static ILoggingBuilder AddCompactConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.FormatterName = CompactConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        }).AddConsoleFormatter<CompactConsoleFormatter, ConsoleFormatterOptions>();
        return logging;
    }
}
