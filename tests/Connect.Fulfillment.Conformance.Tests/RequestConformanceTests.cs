using System.Reflection;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>
/// Every public client operation, sent to Prism mocking Connect's published OpenAPI description: Prism must report no
/// request violation (<c>sl-violations</c>) beyond the explicit <see cref="Allowlist"/>, and the client must read
/// Prism's answer, which Prism builds from the spec's response schemas.
/// </summary>
public class RequestConformanceTests
{
    private static IEnumerable<Operation> Cases() => Operations.All();

    [Test]
    public void Every_public_client_operation_is_driven()
    {
        var members = typeof(IConnectClient).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).ToHashSet();
        var driven = Operations.All().Select(o => o.Member).ToHashSet();
        Assert.That(driven, Is.EquivalentTo(members), "add a case to Operations.All for every IConnectClient member");
    }

    [Test]
    public void Every_allowlist_entry_names_a_case_and_carries_evidence()
    {
        var names = Operations.All().Select(o => o.Name).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var entry in Allowlist.Entries)
            {
                Assert.That(names, Does.Contain(entry.Operation));
                Assert.That(entry.Evidence, Has.Length.GreaterThan(40));
            }
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Conforms_to_the_spec(Operation operation)
    {
        Prism.EnsureRunning();
        var recorder = new RecordingHandler();
        using var client = ConnectClient.Create(
            new ConnectClientOptions
            {
                Endpoint = new Uri(Prism.BaseAddress, RecordingHandler.ServerPath),
                ApiKey = "SU-123-456-789:0123456789abcdef",
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            },
            primaryHandler: recorder);

        Exception? failure = null;
        try
        {
            await operation.Call(client);
        }
        catch (Exception ex) when (ex is ConnectApiException or InvalidOperationException)
        {
            failure = ex;
        }

        var allowed = Allowlist.Entries.Where(e => e.Operation == operation.Name).ToList();
        var calls = recorder.Calls;
        // Only the request side is the client's doing; Prism also reports where its own generated answers break the spec.
        var violations = calls.SelectMany(c => c.Violations.Where(v => v.Location.StartsWith("request", StringComparison.Ordinal)).Select(v => (Call: c, Violation: v))).ToList();
        var unexpected = violations.Where(x => !allowed.Any(a => a.Location == x.Violation.Location && a.Code == x.Violation.Code)).ToList();
        var stale = allowed.Where(a => !violations.Any(x => a.Location == x.Violation.Location && a.Code == x.Violation.Code)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.Not.Empty, "the operation reached Prism");
            Assert.That(
                unexpected.Select(x => $"{x.Call.Method} {x.Call.Path}: {x.Violation.Location} {x.Violation.Code}: {x.Violation.Message}"),
                Is.Empty,
                "Prism found request violations that are not on the allowlist");
            Assert.That(stale.Select(a => $"{a.Location} {a.Code}"), Is.Empty, "allowlisted violations that no longer occur: remove them");
            var limitation = Allowlist.Responses.FirstOrDefault(r => operation.Name.StartsWith(r.Operation, StringComparison.Ordinal));
            if (allowed.Count > 0)
            {
                // Prism refuses an allowlisted request; there is no answer to read.
            }
            else if (limitation is not null)
            {
                Assert.That(failure?.Message, Does.Contain(limitation.Failure), "a listed response limitation that no longer occurs: remove it");
            }
            else
            {
                Assert.That(failure, Is.Null, $"the call failed: {failure?.Message}");
            }
        });
    }
}
