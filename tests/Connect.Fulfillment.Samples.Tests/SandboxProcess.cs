using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The standalone sandbox program (samples/Connect.Fulfillment.Samples.Sandbox) as a process of its own, with its fake
/// vendor, read through its inspection endpoints: a harness for tests that run sample processes against it.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly SampleProcess _process;
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _ready;

    private SandboxProcess(SampleProcess process, Dictionary<string, string> ready)
    {
        _process = process;
        _ready = ready;
        _http = new HttpClient { BaseAddress = new Uri(ready["inspect-url"] + "/"), Timeout = TimeSpan.FromSeconds(30) }; // a draft waits for the validation webhook (up to 10 s)
    }

    /// <summary>Gets how many cancels were seeded.</summary>
    public int SeededCancels => int.Parse(_ready["seeded-cancels"], CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts the program with a fake vendor and the given options (<c>--seed-cancels</c>, <c>--latency-ms</c>,
    /// <c>--fault-rate</c>, …; docs/testing.md) and waits until it is ready. It also stops when the test process dies.
    /// </summary>
    public static Task<SandboxProcess> StartAsync(params string[] args) => StartAsync(null, args);

    /// <summary>As <see cref="StartAsync(string[])"/>, with environment variables for the program.</summary>
    public static async Task<SandboxProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var process = SampleProcess.Start(SampleProcess.SandboxDll, environment, [.. args, "--vendor", "--stop-on-stdin-eof"]);
        try
        {
            await process.WaitForOutputAsync("seeded-cancels:", StartTimeout);
            var ready = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in process.Stdout.Split('\n'))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0)
                {
                    ready[line[..colon]] = line[(colon + 2)..].Trim();
                }
            }

            return new SandboxProcess(process, ready);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The processor or worker configuration pointing at this sandbox and its vendor, as environment variables.</summary>
    public Dictionary<string, string?> SampleEnvironment() => new()
    {
        ["Connect__Endpoint"] = _ready["connect-url"],
        ["Connect__ApiKey"] = _ready["connect-api-key"],
        ["Connect__Products__0"] = _ready["product"],
        ["Vendor__BaseUrl"] = _ready["vendor-url"],
        ["Vendor__ApiKey"] = _ready["vendor-api-key"],
    };

    public async Task<IReadOnlyList<SandboxRequestState>> RequestsAsync() => SandboxRequestState.ParseAll(await _http.GetStringAsync("requests"));

    public async Task<IReadOnlyList<SandboxCallRecord>> CallsAsync() => SandboxCallRecord.ParseAll(await _http.GetStringAsync("calls"));

    public async Task<IReadOnlyList<VendorCallRecord>> VendorCallsAsync() => VendorCallRecord.ParseAll(await _http.GetStringAsync("vendor-calls"));

    public async Task<SandboxCounts> CountsAsync() => SandboxCounts.Parse(await _http.GetStringAsync("counts"));

    /// <summary>Posts a body to an order route (<c>drafts</c>, <c>drafts/{id}</c>, <c>cancels</c>) and returns the status and the JSON answer.</summary>
    public async Task<(int Status, JsonNode? Answer)> PostAsync(string route, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A line the program printed when it was ready (<c>usage-product</c>, <c>vendor-url</c>, …), or null.</summary>
    public string? Ready(string key) => _ready.GetValueOrDefault(key);

    /// <summary>The JSON of an inspection view (<c>usage-files</c>, <c>calls</c>, <c>vendor-calls</c>, …).</summary>
    public Task<string> ViewAsync(string view) => _http.GetStringAsync(view);

    /// <summary>What the program printed so far (its address lines; stderr has anything it complained about).</summary>
    public override string ToString() => $"--- sandbox stdout ---\n{_process.Stdout}\n--- sandbox stderr ---\n{_process.Stderr}";

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }
}
