using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>
/// One PostgreSQL server per fixture, started from the machine's binaries, and a fresh Connect sandbox per test.
/// Without PostgreSQL binaries the fixture's tests are reported as skipped, with the reason (and .ci/run fails).
/// </summary>
public abstract class PostgreSqlTestBase
{
    protected const string Product = "PRD-1";
    protected const string TemplateId = "TL-1";

    protected PostgreSqlServer Server { get; private set; } = null!;

    protected ConnectSandbox Sandbox { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        var (binaries, reason) = PostgreSqlServer.FindBinaries();
        if (binaries is null)
        {
            Assert.Ignore("PostgreSQL tests skipped: " + reason);
        }

        Server = await PostgreSqlServer.StartAsync(binaries);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    [SetUp]
    public async Task StartSandbox()
    {
        Sandbox = await ConnectSandbox.StartAsync();
        Sandbox.Products.Add(Product, p => p.Template(TemplateId));
    }

    [TearDown]
    public async Task StopSandbox() => await Sandbox.DisposeAsync();

    protected IReadOnlyList<string> SeedCancels(int count)
        => Sandbox.SeedRequests(count, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));

    /// <summary>A replica: its own client, its own lease provider (its own connections, named after it) and pipeline.</summary>
    protected Replica StartReplica(string name, Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> handle, int concurrency = 4)
    {
        var client = ConnectClient.Create(new ConnectClientOptions
        {
            Endpoint = Sandbox.BaseUrl,
            ApiKey = Sandbox.ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });
        // A name of its own per test, so that sessions can be told apart.
        name = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        var leases = new PostgreSqlRequestLeaseProvider(new PostgreSqlCoordinationOptions { ConnectionString = Server.ConnectionString(name) });
        var options = new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = TemplateId, MaxConcurrency = concurrency, KeepApprovedResults = true };
        var handlers = new FulfillmentHandlers().Add(RequestType.Cancel, handle);
        return new Replica(name, client, new FulfillmentPipeline(client, options, handlers, leases: leases));
    }

    /// <summary>How many times Connect was asked to approve each request.</summary>
    protected Dictionary<string, int> Approvals(IEnumerable<string> ids)
        => ids.ToDictionary(id => id, id => Sandbox.CallLog.Count(e => e.Method == "POST" && e.RelativePath.Contains(id, StringComparison.Ordinal) && e.RelativePath.EndsWith("/approve", StringComparison.Ordinal)));

    protected sealed class Replica(string name, ConnectClient client, FulfillmentPipeline pipeline) : IDisposable
    {
        public string Name => name;

        public FulfillmentPipeline Pipeline => pipeline;

        public void Dispose() => client.Dispose();
    }
}
