using System.Diagnostics;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Telemetry;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// A full pipeline run through DI with every log category at Trace (including the HttpClient factory's own logging),
/// activities recorded: the Connect API key and every value of a password-type parameter appear in no log message,
/// structured log value, scope, logged exception, activity tag or status, result reason or run summary.
/// </summary>
[NonParallelizable] // the activity listener sees every activity of the process
public class SecretsTests : PipelineTestBase
{
    private const string ApiKeySecret = "sandbox-secret-9d7c41e2";
    private const string ApiKey = "SU-555-555-555:" + ApiKeySecret;
    private const string PasswordA = "hunter2-Pa55w0rd-A";
    private const string PasswordB = "correct horse battery B";
    private const string PasswordC = "tier-s3cr3t-C";
    private const string RotatedPassword = "rotated-N3w-Pa55";

    private static readonly string[] Secrets = [ApiKeySecret, PasswordA, PasswordB, PasswordC, RotatedPassword];

    protected override ConnectSandboxOptions SandboxOptions => new() { ApiKey = ApiKey };

    [Test]
    public async Task A_run_at_Trace_leaks_no_API_key_and_no_password_parameter_value()
    {
        var throwing = AddSecretRequest("throw", PasswordA);
        var failing = AddSecretRequest("fail", PasswordB);
        var rotating = AddSecretRequest("rotate", PasswordA);
        var retrying = AddSecretRequest("retry", PasswordB);
        var tier = Sandbox.TierConfigRequests.Add(r => r.Type("setup").Status("pending").Product(Product)
            .Parameter("tier_password", phase: "ordering", value: PasswordC, type: "password"));

        var collector = new FakeLogCollector();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectFulfillmentTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        services.AddConnectFulfillment(o =>
        {
            o.Endpoint = Sandbox.BaseUrl;
            o.ApiKey = ApiKey;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        })
        .AddFulfillmentPipeline(o =>
        {
            o.Products = [Product];
            o.ApproveTemplateId = TemplateId;
            o.KeepApprovedResults = true;
        })
        .AddRequestHandler<SecretHandler>(RequestType.Purchase)
        .AddTierConfigRequestHandler<ThrowingTierHandler>(TierConfigRequestType.Setup);
        await using var provider = services.BuildServiceProvider();

        var summary = await provider.GetRequiredService<FulfillmentPipeline>().RunOnceAsync();

        // The run did what it should, so the secrets really went through the paths checked below.
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, throwing).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, throwing).Reason, Does.Contain("InvalidOperationException").And.Contain(RequestSecrets.Mask));
            Assert.That(ResultOf(summary, failing).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(ResultOf(summary, failing).Reason, Is.EqualTo($"the login {RequestSecrets.Mask} was refused"));
            Assert.That(ResultOf(summary, rotating).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, retrying).Reason, Is.EqualTo($"try again with {RequestSecrets.Mask}"));
            Assert.That(ResultOf(summary, tier).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(Sandbox.CallLog.Entries.Any(e => e.Method == "PUT" && e.RequestBody is { } body && body.Contains(RotatedPassword, StringComparison.Ordinal)), Is.True, "the new password was not written");
            Assert.That(collector.GetSnapshot().Any(r => r.Category is { } category && category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.True, "HttpClient logging was not captured");
            Assert.That(collector.GetSnapshot().Any(r => r.Exception is not null), Is.True, "no exception was logged");
        });

        var texts = new List<string> { summary.ToString(), provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ConnectClientOptions>>().CurrentValue.ToString() };
        texts.AddRange(summary.Results.Select(r => r.ToString()));
        foreach (var record in collector.GetSnapshot())
        {
            texts.Add(record.Message);
            texts.Add(record.Exception?.ToString() ?? string.Empty);
            texts.Add(record.Exception?.Message ?? string.Empty);
            texts.AddRange(record.StructuredState?.Select(p => $"{record.Category} {p.Key}={p.Value}") ?? []);
            texts.AddRange(record.Scopes.Select(s => s?.ToString() ?? string.Empty));
        }

        lock (activities)
        {
            Assert.That(activities, Is.Not.Empty);
            foreach (var activity in activities)
            {
                texts.Add(activity.StatusDescription ?? string.Empty);
                texts.AddRange(activity.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty));
            }
        }

        var leaks = texts.Where(t => Secrets.Any(s => t.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public void The_options_ToString_never_shows_the_API_key()
    {
        var options = new ConnectClientOptions { ApiKey = "ApiKey " + ApiKey };

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain(ApiKeySecret).And.Contain("ApiKey = ***"));
            Assert.That(new ConnectClientOptions().ToString(), Does.Contain("ApiKey = (none)"));
            Assert.That(new FulfillmentPipelineOptions { Products = ["PRD-1"] }.ToString(), Does.Not.Contain(ApiKeySecret));
        });
    }

    [Test]
    public void A_client_built_with_an_invalid_option_does_not_put_the_key_in_the_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectClient.Create(new ConnectClientOptions { ApiKey = ApiKey, PageSize = 0 }));

        Assert.That(error!.ToString(), Does.Not.Contain(ApiKeySecret));
    }

    private string AddSecretRequest(string mode, string password) => AddRequest("purchase", configure: r => r
        .Parameter("mode", phase: "ordering", value: mode)
        .Parameter("password", phase: "ordering", value: password, type: "password"));

    private sealed class SecretHandler : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
        {
            var parameters = context.Request.Asset!.Parameters;
            var password = parameters.Single(p => p.Id == "password").Value!;
            return parameters.Single(p => p.Id == "mode").Value switch
            {
                "throw" => throw new InvalidOperationException($"the vendor refused the credentials '{password}'", new FormatException("inner " + password)),
                "fail" => Task.FromResult(RequestOutcome.Fail($"the login {password} was refused")),
                "rotate" => Rotate(context),
                _ => Task.FromResult(RequestOutcome.RetryLater($"try again with {password}")),
            };
        }

        private static Task<RequestOutcome> Rotate(FulfillmentRequestContext context)
        {
            context.SetParameter("password", RotatedPassword);
            return Task.FromResult(RequestOutcome.Approve());
        }
    }

    private sealed class ThrowingTierHandler : ITierConfigRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default)
            => throw new ArgumentException("bad tier password " + context.Request.Parameters.Single(p => p.Id == "tier_password").Value);
    }
}
