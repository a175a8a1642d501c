namespace Connect.Fulfillment.Usage.Tests;

/// <summary>A fresh WireMock Connect (<see cref="UsageConnect"/>), a client on it and an empty usage source for each test.</summary>
public abstract class UsageConnectTestBase
{
    protected static readonly UsagePeriod November = new(2026, 11);

    private protected UsageConnect Connect { get; private set; } = null!;

    protected ConnectClient Client { get; private set; } = null!;

    private protected TableUsageSource Source { get; private set; } = null!;

    [SetUp]
    public void CreateConnect()
    {
        Connect = new UsageConnect();
        Client = Connect.Client();
        Source = new TableUsageSource();
    }

    [TearDown]
    public void DisposeConnect()
    {
        Client.Dispose();
        Connect.Dispose();
    }
}
