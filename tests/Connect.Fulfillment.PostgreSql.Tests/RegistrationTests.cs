using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>One-line registration, options from configuration, and bad options failing at start; no server needed.</summary>
public class RegistrationTests
{
    private const string Password = "s3cret-pg-4711";

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_pipeline_claims_through_PostgreSQL_whichever_is_registered_first(bool coordinationFirst)
    {
        var services = new ServiceCollection();
        if (coordinationFirst)
        {
            services.AddPostgreSqlCoordination("Host=127.0.0.1;Username=app;Password=" + Password);
        }

        services.AddConnectFulfillment(o => o.ApiKey = "SU-1:key").AddFulfillmentPipeline(o => o.Products = ["PRD-1"]);
        if (!coordinationFirst)
        {
            services.AddPostgreSqlCoordination("Host=127.0.0.1;Username=app;Password=" + Password);
        }

        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IRequestLeaseProvider>(), Is.InstanceOf<PostgreSqlRequestLeaseProvider>());
        Assert.That(services.Count(d => d.ServiceType == typeof(IRequestLeaseProvider)), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_it_the_pipeline_uses_in_process_leases()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o => o.ApiKey = "SU-1:key").AddFulfillmentPipeline(o => o.Products = ["PRD-1"]);
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IRequestLeaseProvider>(), Is.InstanceOf<InProcessRequestLeaseProvider>());
    }

    [Test]
    public async Task Options_bind_from_the_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordination:PostgreSql:ConnectionString"] = "Host=db;Username=app",
            ["Coordination:PostgreSql:DeadReplicaTimeout"] = "00:01:00",
            ["Coordination:PostgreSql:ConnectionCount"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddPostgreSqlCoordination(configuration.GetSection(PostgreSqlCoordinationOptions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PostgreSqlCoordinationOptions>>().Value;

        Assert.That(options.ConnectionString, Is.EqualTo("Host=db;Username=app"));
        Assert.That(options.DeadReplicaTimeout, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.ConnectionCount, Is.EqualTo(2));
    }

    [TestCase(null, "ConnectionString")]
    [TestCase("   ", "ConnectionString")]
    [TestCase("Host=db;Password=" + Password + ";Nonsense Key=1", "ConnectionString")]
    [TestCase("Username=app;Password=" + Password, "ConnectionString")]
    public async Task A_bad_connection_string_fails_at_start_naming_the_setting_without_its_value(string? connectionString, string key)
    {
        var services = new ServiceCollection();
        services.AddPostgreSqlCoordination(o => o.ConnectionString = connectionString);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("PostgreSqlCoordinationOptions." + key).And.Not.Contain(Password));
        Assert.That(() => new PostgreSqlRequestLeaseProvider(new PostgreSqlCoordinationOptions { ConnectionString = connectionString }), Throws.ArgumentException.With.Message.Not.Contain(Password));
    }

    [TestCase(4)]
    [TestCase(3601)]
    public void A_dead_replica_timeout_out_of_range_is_refused(int seconds)
    {
        var failures = PostgreSqlCoordinationOptionsValidator.Check(new PostgreSqlCoordinationOptions { ConnectionString = "Host=db", DeadReplicaTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.That(failures, Has.One.StartsWith("PostgreSqlCoordinationOptions.DeadReplicaTimeout"));
    }

    [TestCase(0)]
    [TestCase(65)]
    public void A_connection_count_out_of_range_is_refused(int count)
    {
        var failures = PostgreSqlCoordinationOptionsValidator.Check(new PostgreSqlCoordinationOptions { ConnectionString = "Host=db", ConnectionCount = count });

        Assert.That(failures, Has.One.StartsWith("PostgreSqlCoordinationOptions.ConnectionCount"));
    }

    [Test]
    public void Lease_connections_end_their_session_on_close_and_bound_a_vanished_peer()
    {
        var built = new Npgsql.NpgsqlConnectionStringBuilder(Internal.LeaseConnectionString.For("Host=db;Username=app", TimeSpan.FromSeconds(30)));

        Assert.Multiple(() =>
        {
            Assert.That(built.Pooling, Is.False);
            Assert.That(Internal.LeaseTiming.For(TimeSpan.FromSeconds(30)).CheckInterval, Is.EqualTo(TimeSpan.FromSeconds(3)), "the replica checks each lease connection every tenth of the timeout");
            Assert.That(built.ApplicationName, Is.EqualTo(Internal.LeaseConnectionString.DefaultApplicationName));
            Assert.That(built.Options, Does.Contain("-c tcp_keepalives_idle=10").And.Contain("-c tcp_keepalives_interval=5").And.Contain("-c client_connection_check_interval=5000"));
        });
    }
}
