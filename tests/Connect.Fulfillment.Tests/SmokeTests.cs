namespace Connect.Fulfillment.Tests;

public class SmokeTests
{
    [Test]
    public void Name_is_the_package_id() => Assert.That(ConnectFulfillmentInfo.Name, Is.EqualTo("Connect.Fulfillment"));
}
