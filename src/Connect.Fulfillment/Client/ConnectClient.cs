using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Client.Internal;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Connect.Fulfillment;

/// <summary>
/// The typed CloudBlue Connect client for fulfillment processors. Thread-safe; register it once with
/// <c>services.AddConnectFulfillment(...)</c>, or create one without DI through <see cref="Create"/>.
/// </summary>
public sealed partial class ConnectClient : IConnectClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly string LibraryUserAgent = BuildUserAgent();
    private static readonly ConnectJsonContext Json = ConnectJsonContext.Default;

    // Bodies are written without escaping '+', quotes or non-ASCII as \uXXXX (still valid JSON, readable in logs):
    // Connect documents dates as "2023-04-28T11:36:38.814429+00:00".
    private static readonly ConnectJsonContext WireJson = new(new JsonSerializerOptions(ConnectJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly HttpClient? ownedHttpClient;
    private readonly ConnectClientOptions options;
    private readonly ConnectHttpSender sender;

    /// <summary>
    /// Creates a client that sends through the given <see cref="HttpClient"/> as it is (add your own resilience
    /// handler to it, or use <see cref="Create"/>). The caller keeps ownership of <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="logger">An optional logger.</param>
    /// <param name="timeProvider">An optional clock; the system clock when null.</param>
    public ConnectClient(HttpClient httpClient, ConnectClientOptions options, ILogger<ConnectClient>? logger = null, TimeProvider? timeProvider = null)
        : this(CheckClient(httpClient), null, options, logger, timeProvider)
    {
    }

    internal ConnectClient(Func<HttpClient> httpClients, HttpClient? ownedHttpClient, ConnectClientOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = ConnectClientOptionsValidator.Check(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.ownedHttpClient = ownedHttpClient;
        this.options = options.Clone();
        var userAgent = string.IsNullOrWhiteSpace(options.UserAgent) ? LibraryUserAgent : $"{options.UserAgent.Trim()} {LibraryUserAgent}";
        sender = new ConnectHttpSender(
            httpClients,
            options.Endpoint!.AbsoluteUri.TrimEnd('/'),
            options.AuthorizationHeaderValue(),
            userAgent,
            options.Timeout,
            options.MaxResponseBytes,
            logger ?? NullLogger.Instance,
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri Endpoint => options.Endpoint!;

    /// <summary>
    /// Creates a client without dependency injection, with the same timeouts and retry rules as the DI registration
    /// (see <see cref="ConnectResilience"/>). Dispose it when done.
    /// </summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="loggerFactory">An optional logger factory.</param>
    /// <param name="timeProvider">An optional clock for backoff and timeouts; the system clock when null.</param>
    /// <param name="primaryHandler">An optional innermost HTTP handler (for example a test handler).</param>
    /// <returns>The client.</returns>
    public static ConnectClient Create(ConnectClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        ConnectResilience.Configure(builder, options, timeProvider);
#pragma warning disable EXTEXP0001 // ResilienceHandler is the documented way to use a pipeline without DI.
#pragma warning disable CA2000 // The handler chain is owned and disposed by the HttpClient, which the ConnectClient owns.
        var handler = new ResilienceHandler(builder.Build())
        {
            InnerHandler = new BufferingHandler
            {
                InnerHandler = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
#pragma warning restore EXTEXP0001
        return new ConnectClient(() => http, http, options, loggerFactory?.CreateLogger<ConnectClient>(), timeProvider);
    }

    /// <summary>Disposes the HTTP client created by <see cref="Create"/>; does nothing for other clients.</summary>
    public void Dispose() => ownedHttpClient?.Dispose();

    private static Func<HttpClient> CheckClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static string BuildUserAgent()
    {
        var version = typeof(ConnectClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus > 0 ? version[..plus] : version;
        return $"connect-fulfillment-dotnet/{version} .NET/{Environment.Version} {RuntimeInformation.OSArchitecture}/{Environment.OSVersion.Platform}";
    }

    private static string Path(string collection, string id, string? action = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        // "." and ".." survive escaping and would be resolved away by the URI, turning requests/../approve into another call.
        if (id is "." or "..")
        {
            throw new ArgumentException($"\"{id}\" is not an id: a path segment may not be \".\" or \"..\".", nameof(id));
        }

        var escaped = Uri.EscapeDataString(id);
        return action is null ? $"{collection}/{escaped}" : $"{collection}/{escaped}/{action}";
    }

    /// <summary>Formats a date as Connect documents it, in UTC: <c>2023-04-28T11:36:38.814429+00:00</c>.</summary>
    private static string? FormatDate(DateTimeOffset? date)
        => date?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    private static List<WireParameter> ToWire(IEnumerable<ParameterUpdate> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var wire = parameters.Select(p => new WireParameter((p ?? throw new ArgumentException("Parameter updates must not be null.", nameof(parameters))).Id)
        {
            Value = p.Value,
            ValueError = p.ValueError,
            StructuredValue = p.StructuredValue,
        }).ToList();
        return wire.Count > 0 ? wire : throw new ArgumentException("At least one parameter update is needed.", nameof(parameters));
    }

    private static ByteArrayContent Content<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }
}
