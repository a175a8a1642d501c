using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Tests.Pipeline;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// A handler that quotes a Connect answer which echoed our key (in a reason it builds itself) never gets the key into
/// the result the run reports, nor into the fail reason Connect stores.
/// </summary>
public class EchoedKeyInReasonTests : PipelineTestBase
{
    [Test]
    public async Task The_Connect_key_quoted_in_a_handler_reason_is_masked_in_the_result_and_in_Connect()
    {
        var failed = AddRequest("cancel");
        var skipped = AddRequest("suspend");
        var quoted = $"Connect said: invalid header 'ApiKey {Sandbox.ApiKey}'\nnext line";
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Cancel, (_, _) => Task.FromResult(RequestOutcome.Fail(quoted)))
            .Add(RequestType.Suspend, (_, _) => Task.FromResult(RequestOutcome.Skip(quoted)));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        var storedReason = Sandbox.GetRequest(failed)?["reason"]?.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, failed).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(ResultOf(summary, failed).Reason, Does.Not.Contain(Sandbox.ApiKey).And.Contain("***").And.Not.Contain("\n"));
            Assert.That(ResultOf(summary, skipped).Reason, Does.Not.Contain(Sandbox.ApiKey).And.Contain("***"));
            Assert.That(summary.ToString(), Does.Not.Contain(Sandbox.ApiKey));
            Assert.That(storedReason, Is.Not.Null.And.Not.Contain(Sandbox.ApiKey));
        });
    }
}
