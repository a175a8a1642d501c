using System.Net;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connect.Fulfillment.AspNetCore.Tests;

public sealed class TelemetryTests
{
    [Test]
    public async Task Each_answered_call_is_counted_with_its_endpoint_and_status()
    {
        using var calls = new MetricCollector<long>(null, ConnectWebhookTelemetry.MeterName, ConnectWebhookTelemetry.CallsCounterName);
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) => Task.CompletedTask));

        using var ok = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        using var refused = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase), authorization: null);
        Assert.That((ok.StatusCode, refused.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Unauthorized)));

        var measured = calls.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags["connect.webhook.endpoint"] == "validation")
            .Select(m => (int)m.Tags["http.response.status_code"]!)
            .ToList();
        Assert.That(measured, Does.Contain(200).And.Contain(401));
    }
}
