using Connect.Fulfillment.Models;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// The values of one request's password-type parameters (as listed, and as a handler sets them), and the means to keep
/// them out of everything the pipeline reports: result reasons, log messages and their structured values, logged
/// exceptions and activity statuses. Each occurrence is replaced with <see cref="Mask"/>.
/// </summary>
internal sealed class RequestSecrets
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Mask = "***";

    private static readonly RequestSecrets None = new();

    private readonly HashSet<string> secretIds = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private string[] values = [];

    private RequestSecrets()
    {
    }

    /// <summary>Whether the request has no password-type parameter and so nothing to hide.</summary>
    public bool IsEmpty => secretIds.Count == 0 && Volatile.Read(ref values).Length == 0;

    /// <summary>Collects the secret values of a request's parameters.</summary>
    /// <param name="parameters">Every parameter the request carries (request, asset and configuration).</param>
    /// <returns>The secrets.</returns>
    public static RequestSecrets Of(IEnumerable<Parameter> parameters)
    {
        // Most requests have no password parameter: they share one empty instance, which never changes (without a
        // secret id, AddUpdates has nothing to add), so the common path allocates nothing.
        RequestSecrets? secrets = null;
        foreach (var parameter in parameters)
        {
            if (parameter is { IsSecret: true })
            {
                secrets ??= new RequestSecrets();
                if (parameter.Id is { Length: > 0 } id)
                {
                    secrets.secretIds.Add(id);
                }

                secrets.Add(parameter.Value);
            }
        }

        return secrets ?? None;
    }

    /// <summary>Adds the values a handler writes to password-type parameters of the request.</summary>
    /// <param name="updates">The parameter updates.</param>
    public void AddUpdates(IEnumerable<ParameterUpdate> updates)
    {
        foreach (var update in updates)
        {
            if (secretIds.Contains(update.Id))
            {
                Add(update.Value);
            }
        }
    }

    /// <summary>Replaces every secret value in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without secrets.</returns>
    public string? Redact(string? text)
    {
        var current = Volatile.Read(ref values);
        if (string.IsNullOrEmpty(text) || current.Length == 0)
        {
            return text;
        }

        foreach (var value in current)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The outcome with its reason redacted, so that a handler quoting a password value (in a vendor's error message,
    /// for example) never sends it to Connect as a fail reason; the same instance when there was nothing to hide.
    /// </summary>
    /// <param name="outcome">The handler's outcome.</param>
    /// <returns>The outcome to apply and report.</returns>
    public RequestOutcome Redact(RequestOutcome outcome) => outcome.Reason is null ? outcome : outcome.WithReason(Redact(outcome.Reason));

    /// <summary>
    /// A reason as a result reports it (and the log prints it): secrets redacted, then escaped onto one printable line,
    /// since reasons quote handler and vendor text, request types and Connect's error messages.
    /// </summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The reason to report; the same instance when nothing changed.</returns>
    public string? ForReport(string? reason) => reason is null ? null : MessageText.OneLine(Redact(reason));

    /// <summary>Whether a text contains a secret value.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it does.</returns>
    public bool IsIn(string? text)
        => !string.IsNullOrEmpty(text) && Volatile.Read(ref values).Any(v => text.Contains(v, StringComparison.Ordinal));

    /// <summary>A logger that redacts this request's secrets from everything it passes on.</summary>
    /// <param name="logger">The logger.</param>
    /// <returns>The redacting logger.</returns>
    public ILogger Wrap(ILogger logger) => new RedactingLogger(logger, this);

    /// <summary>An exception safe to log or report: the original when it holds no secret, else a redacted copy.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The exception to pass on.</returns>
    public Exception Redact(Exception exception) => IsIn(exception.ToString()) ? new RedactedException(exception, this) : exception;

    private void Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (gate)
        {
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                // Longest first, so a secret that contains another is replaced whole.
                values = [.. values.Append(value).OrderByDescending(v => v.Length)];
            }
        }
    }

    /// <summary>Stands in for an exception whose message, stack or inner exceptions held a secret value.</summary>
    private sealed class RedactedException(Exception original, RequestSecrets secrets)
        : Exception(secrets.Redact(original.GetType().FullName + ": " + original.Message))
    {
        private readonly string text = secrets.Redact(original.ToString())!;

        public override string? StackTrace => null;

        public override string ToString() => text;
    }

    private sealed class RedactingLogger(ILogger inner, RequestSecrets secrets) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = secrets.Redact(formatter(state, exception)) ?? string.Empty;
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string s ? secrets.Redact(s) : p.Value)).ToList()
                : [];
            inner.Log(logLevel, eventId, new RedactedState(values, message), exception is null ? null : secrets.Redact(exception), static (s, _) => s.Message);
        }
    }

    private sealed class RedactedState(List<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
