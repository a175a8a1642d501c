namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

/// <summary>
/// A fresh sandbox per test and a <see cref="ConnectClient"/> created without DI against it, with a 1 ms retry
/// base delay so retried faults cost no wall-clock time.
/// </summary>
public abstract class ClientTestBase
{
    protected const string Product = "PRD-100-200-300";
    protected const string TemplateId = "TL-100-200-300";

    private readonly List<ConnectClient> clients = [];

    protected ConnectSandbox Sandbox { get; private set; } = null!;

    protected ConnectClient Client { get; private set; } = null!;

    protected virtual ConnectSandboxOptions SandboxOptions => new();

    [SetUp]
    public async Task StartSandboxAndClient()
    {
        Sandbox = await ConnectSandbox.StartAsync(SandboxOptions);
        Sandbox.Products.Add(Product, p => p
            .Name("Cloud Backup")
            .Template(TemplateId, name: "Default Activation Template", scope: "asset", body: "Subscription {{ subscription_id }} is active."));
        Client = CreateClient();
    }

    [TearDown]
    public async Task StopSandbox()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        clients.Clear();
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Options pointing at the sandbox: fast retries and a short per-call timeout.</summary>
    protected ConnectClientOptions Options(Action<ConnectClientOptions>? configure = null)
    {
        var options = new ConnectClientOptions
        {
            Endpoint = Sandbox.BaseUrl,
            ApiKey = Sandbox.ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    protected ConnectClient CreateClient(Action<ConnectClientOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var client = ConnectClient.Create(Options(configure), timeProvider: timeProvider);
        clients.Add(client);
        return client;
    }

    protected string AddPending(string type = "purchase", string product = Product, string environment = "preview", string? subscriptionId = "SUB-1")
        => Sandbox.Requests.Add(r => r.Type(type).Status("pending").Product(product).Environment(environment)
            .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
            .Parameter("admin_email", phase: "ordering", value: "admin@example.com"));

    protected int Calls(string method, string relativePathPrefix) => Sandbox.CallLog.Count(method, relativePathPrefix);

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    protected static async Task<ConnectApiException> ThrowsConnectAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ConnectApiException ex)
        {
            return ex;
        }

        Assert.Fail("Expected a ConnectApiException.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A wrong-state answer: 400 with some Connect error code (the real codes are not documented, so none is assumed).</summary>
    protected static void AssertWrongState(ConnectApiException ex)
    {
        Assert.That(ex, Is.Not.InstanceOf<ConnectNotFoundException>());
        Assert.That(ex.StatusCode, Is.EqualTo(400), ex.Message);
        Assert.That(ex.ErrorCode, Is.Not.Null.And.Not.Empty);
        Assert.That(ex.Errors, Is.Not.Empty);
        Assert.That(ex.IsOutcomeUnknown, Is.False);
    }
}
