using System.Collections;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The vendor client as the samples register it: its bearer key never reaches a log sink (not even as a structured
/// value, which sinks such as JSON consoles and OpenTelemetry export as is), and a vendor answer echoing the key is
/// masked before any adapter reads it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VendorSecretsTests
{
    private const string VendorKey = "vendor-key-6c1f93ab77";

    [Test]
    public async Task The_vendor_key_reaches_no_log_value_and_is_masked_in_the_vendor_answer()
    {
        var sink = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connect:Endpoint"] = "https://connect.example.com/public/v1",
            ["Connect:ApiKey"] = "SU-1-2-3:connect-key-0a1b2c3d",
            ["Connect:Products:0"] = "PRD-1",
            ["Vendor:BaseUrl"] = "https://vendor.example.com/api",
            ["Vendor:ApiKey"] = VendorKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        services.AddSampleProcessor(configuration);
        services.AddHttpClient(SampleServiceCollectionExtensions.VendorHttpClientName).ConfigurePrimaryHttpMessageHandler(() => new EchoingVendor());
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<VendorApi>().CancelAsync("SUB-1", "PR-1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(response.Message(), Is.EqualTo("token Bearer *** may not cancel"));
            Assert.That(sink.Texts, Has.None.Contains(VendorKey));
        });
    }

    [Test]
    public void The_mask_covers_prefixed_and_bare_keys_and_escapes_control_characters()
    {
        var mask = SecretMask.ForKeys("ApiKey SU-1-2-3:connect-key-0a1b2c3d", " " + VendorKey + " ", null, "ab");

        Assert.Multiple(() =>
        {
            Assert.That(mask.Apply($"a ApiKey SU-1-2-3:connect-key-0a1b2c3d b"), Is.EqualTo("a ApiKey *** b"));
            Assert.That(mask.Apply("token connect-key-0a1b2c3d"), Is.EqualTo("token ***"));
            Assert.That(mask.Apply($"Bearer {VendorKey}"), Is.EqualTo("Bearer ***"));
            Assert.That(mask.Apply("ab stays"), Is.EqualTo("ab stays"), "a value that short would match ordinary words");
            Assert.That(mask.Clean($"x\n{VendorKey}\u001b[2J\u202E é 😀"), Is.EqualTo("x\\n***\\u001B[2J\\u202E é 😀"));
        });
    }

    /// <summary>Answers 422 echoing the Authorization header it received.</summary>
    private sealed class EchoingVendor : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.UnprocessableEntity)
            {
                Content = new StringContent($$"""{"message":"token {{request.Headers.Authorization}} may not cancel"}""", Encoding.UTF8, "application/json"),
            });
    }

    /// <summary>Keeps every message, and every state value as a structured sink would see it (nested lists opened).</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> texts = [];

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (texts)
                {
                    return [.. texts];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private void Add(IEnumerable<string> values)
        {
            lock (texts)
            {
                texts.AddRange(values);
            }
        }

        private static IEnumerable<string> Flatten(object? value, int depth = 0) => value switch
        {
            null => [],
            string s => [s],
            IEnumerable items when depth < 4 => items.Cast<object?>().SelectMany(i => Flatten(i, depth + 1)).Append(value.ToString() ?? string.Empty),
            _ when value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
                => [type.GetProperty("Key")!.GetValue(value)?.ToString() ?? string.Empty, .. Flatten(type.GetProperty("Value")!.GetValue(value), depth + 1)],
            _ => [value.ToString() ?? string.Empty],
        };

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                owner.Add(Flatten(state));
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Add([formatter(state, exception), exception?.ToString() ?? string.Empty, .. Flatten(state)]);
        }
    }
}
