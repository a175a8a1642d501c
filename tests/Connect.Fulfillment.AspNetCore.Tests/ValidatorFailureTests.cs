using System.Net;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>A validator that throws or overruns its budget is answered 500 with a generic body and logged with the request id.</summary>
public sealed class ValidatorFailureTests
{
    private const string RequestId = "PR-6990-1715-4162-001";

    [Test]
    public async Task Throwing_validator_is_answered_500_with_a_generic_body_and_logged_with_the_request_id()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase,
            (_, _) => throw new InvalidOperationException("vendor database unreachable at db.internal:5432")));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        var message = await Responses.ErrorAsync(response, HttpStatusCode.InternalServerError, "VALIDATION_FAILED");

        Assert.That(message, Is.EqualTo("The request could not be validated."));
        var error = host.Logs.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        Assert.That(error.Message, Does.Contain(RequestId).And.Contain("DraftPurchase"));
        Assert.That(error.Exception, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task Validator_error_quoting_a_password_value_is_logged_redacted()
    {
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        var parameter = Responses.Parameter(sent, "param_dynamic_validation");
        parameter["type"] = "password";
        parameter["value"] = "S3cr3t-Passw0rd";
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase,
            (context, _) => throw new InvalidOperationException("login failed for S3cr3t-Passw0rd")));

        using var response = await host.ValidateAsync(sent.ToJsonString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        var error = host.Logs.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        Assert.That(error.Message, Does.Contain(RequestId).And.Contain("login failed for ***"));
        Assert.That(error.Message + error.Exception, Does.Not.Contain("S3cr3t-Passw0rd"));
    }

    [Test]
    public async Task Validator_slower_than_the_budget_is_cancelled_and_answered_500()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await WebhookHost.StartAsync(
            options: o => o.ValidatorTimeout = TimeSpan.FromMilliseconds(200),
            validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, async (_, cancellationToken) =>
            {
                using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));

        Assert.That(await Responses.ErrorAsync(response, HttpStatusCode.InternalServerError, "VALIDATION_FAILED"), Is.EqualTo("The request could not be validated."));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var error = host.Logs.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        Assert.That(error.Message, Does.Contain(RequestId).And.Contain("took longer than"));
    }

    [Test]
    public async Task Validator_that_ignores_cancellation_is_still_answered_within_the_budget()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await WebhookHost.StartAsync(
            options: o => o.ValidatorTimeout = TimeSpan.FromMilliseconds(200),
            validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) => release.Task));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        release.SetResult();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task Validator_naming_an_unknown_parameter_fails_the_call()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (context, _) =>
        {
            context.SetError("no_such_parameter", "x");
            return Task.CompletedTask;
        }));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(host.Logs.GetSnapshot().Single(r => r.Level == LogLevel.Error).Exception, Is.InstanceOf<Connect.Fulfillment.Models.ParameterNotFoundException>());
    }
}
