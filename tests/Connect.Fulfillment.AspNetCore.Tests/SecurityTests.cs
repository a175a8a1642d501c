using System.Net;
using System.Text;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>Every way a call can fail the token check answers 401 with no detail, on both endpoints, before the body is read.</summary>
public sealed class SecurityTests
{
    private WebhookHost host = null!;
    private int validatorCalls;

    public static IEnumerable<TestCaseData> RefusedAuthorizations()
    {
        yield return new TestCaseData((Func<string?>)(() => null)).SetName("Missing Authorization header");
        yield return new TestCaseData((Func<string?>)(() => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + Tokens.Secret)))).SetName("Wrong scheme (Basic)");
        yield return new TestCaseData((Func<string?>)(() => Tokens.Valid())).SetName("Token without the Bearer scheme");
        yield return new TestCaseData((Func<string?>)(() => "Bearer ")).SetName("Empty Bearer token");
        yield return new TestCaseData((Func<string?>)(() => "Bearer not-a-jwt")).SetName("Bearer value that is not a JWT");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Tampered())).SetName("Bad signature (tampered)");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Valid(Tokens.OtherSecret))).SetName("Bad signature (another secret)");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Unsigned())).SetName("alg none");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha512, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5)))).SetName("Another algorithm (HS512, same secret)");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Rs256())).SetName("Another algorithm (RS256)");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha256, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-10)))).SetName("Expired beyond the clock skew");
        yield return new TestCaseData((Func<string?>)(() => "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha256, DateTime.UtcNow.AddMinutes(10), DateTime.UtcNow.AddHours(1)))).SetName("Not yet valid beyond the clock skew");
    }

    [SetUp]
    public async Task Start()
    {
        validatorCalls = 0;
        host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) =>
        {
            Interlocked.Increment(ref validatorCalls);
            return Task.CompletedTask;
        }));
    }

    [TearDown]
    public async Task Stop() => await host.DisposeAsync();

    [TestCaseSource(nameof(RefusedAuthorizations))]
    public async Task Validation_call_is_refused_with_401_and_no_detail(Func<string?> authorization)
    {
        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), authorization());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.ToString()), Is.EqualTo(new[] { "Bearer" }));
        Assert.That(validatorCalls, Is.Zero);
    }

    [TestCaseSource(nameof(RefusedAuthorizations))]
    public async Task Events_call_is_refused_with_401_and_no_detail(Func<string?> authorization)
    {
        await using var events = await EventsHost.StartAsync();
        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, "{}", authorization());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(events.Sandbox.CallLog.Count(null, "/"), Is.Zero, "nothing reached Connect");
    }

    [Test]
    public async Task Valid_token_is_accepted()
    {
        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(validatorCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Scheme_is_case_insensitive()
    {
        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), "bearer " + Tokens.Valid());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Expired_token_within_the_clock_skew_is_accepted_and_refused_with_no_skew()
    {
        var recentlyExpired = "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha256, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddSeconds(-10));
        using var accepted = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), recentlyExpired);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "30 s default skew");

        await using var strict = await WebhookHost.StartAsync(options: o => o.ClockSkew = TimeSpan.Zero);
        using var refused = await strict.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), recentlyExpired);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Token_not_yet_valid_within_the_clock_skew_is_accepted()
    {
        var early = "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha256, DateTime.UtcNow.AddSeconds(10), DateTime.UtcNow.AddMinutes(5));
        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), early);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_without_exp_is_accepted_by_default_and_refused_when_expiry_is_required()
    {
        var noExpiry = "Bearer " + Tokens.Create(Tokens.Secret, SecurityAlgorithms.HmacSha256, null, null);
        using var accepted = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), noExpiry);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using var strict = await WebhookHost.StartAsync(options: o => o.RequireExpirationTime = true);
        using var refused = await strict.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), noExpiry);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Additional_secret_is_accepted_while_rotating()
    {
        await using var rotating = await WebhookHost.StartAsync(options: o => o.AdditionalJwtSecrets.Add(Tokens.OtherSecret));

        using var response = await rotating.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), "Bearer " + Tokens.Valid(Tokens.OtherSecret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Neither_the_secret_nor_a_token_is_ever_logged()
    {
        var forged = Tokens.Valid(Tokens.OtherSecret);
        var valid = Tokens.Valid();
        (await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), "Bearer " + forged)).Dispose();
        (await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), "Bearer " + valid)).Dispose();
        (await host.ValidateAsync("not json", "Bearer " + valid)).Dispose();

        var records = host.Logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty);
        Assert.That(records.Any(r => r.Message.Contains("refused", StringComparison.Ordinal)), Is.True, "the refusal is logged");
        foreach (var record in records)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(" ", record.StructuredState?.Select(s => s.Value) ?? []);
            Assert.That(text, Does.Not.Contain(Tokens.Secret).And.Not.Contain(Tokens.OtherSecret).And.Not.Contain(forged).And.Not.Contain(valid));
        }
    }

    [Test]
    public void Options_refuse_a_missing_or_short_secret_at_start()
    {
        var services = new ServiceCollection();
        services.AddConnectWebhooks(o => o.JwtSecret = "short");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectWebhookOptions>>().Value);
        Assert.That(error!.Message, Does.Contain("JwtSecret must be at least 32 bytes"));
        Assert.That(error.Message, Does.Not.Contain("short"), "the secret itself is never in a message");

        var none = new ServiceCollection();
        none.AddConnectWebhooks(_ => { });
        using var noneProvider = none.BuildServiceProvider();
        var missing = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = noneProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectWebhookOptions>>().Value);
        Assert.That(missing!.Message, Does.Contain("JwtSecret"));
    }
}
