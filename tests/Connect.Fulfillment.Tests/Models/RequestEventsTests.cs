using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Models;

/// <summary><c>events</c>: when, and by whom, a request was created and last changed, read from real payloads.</summary>
public class RequestEventsTests
{
    [Test]
    public void A_tier_configuration_request_says_who_changed_it_last()
    {
        var request = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_approved.php-sdk.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Events?.Updated?.At, Is.EqualTo(new DateTimeOffset(2019, 11, 15, 15, 57, 36, TimeSpan.Zero)));
            Assert.That(request.Events?.Updated?.By?.Id, Is.EqualTo("SU-376-975-690"));
            Assert.That(request.Events?.Updated?.By?.Name, Is.EqualTo("asdf"));
            Assert.That(request.Events?.Created?.By, Is.Null, "Connect names no one for this event");
        });
    }

    [Test]
    public void A_fulfillment_request_carries_its_event_times()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.processors-toolkit.json"));

        Assert.That(request.Events?.Created?.At, Is.EqualTo(new DateTimeOffset(2021, 12, 23, 9, 9, 25, TimeSpan.Zero)));
        Assert.That(request.Events?.Updated?.By, Is.Null);
    }
}
