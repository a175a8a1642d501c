using System.Text;
using System.Text.Json;
using Connect.Fulfillment.Usage;
using Microsoft.Extensions.Options;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>
/// A WireMock Connect holding one pay-as-you-go product, its assets and its usage files, for the reporter's tests.
/// Usage file answers follow the spec's usage.UsageFileDetail (no real usage payload is among the fixtures).
/// </summary>
internal sealed class UsageConnect : IDisposable
{
    public const string Base = "/public/v1";
    public const string ProductId = "PRD-123-456-789";
    public const string ContractId = "CRD-00000-00000-00001";
    public const string FileId = "UF-2026-11-0000-0001";

    public UsageConnect() => Server = WireMockServer.Start();

    public WireMockServer Server { get; }

    public IReadOnlyList<ILogEntry> Calls(string method, string pathEnd)
        => Server.LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal)).ToList();

    public static string File(string status, string? errorDetail = null, string id = FileId, string contractId = ContractId, string? externalId = null)
        => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["external_id"] = externalId ?? $"usage-{ProductId}-{contractId}-2026-11",
            ["status"] = status,
            ["error_detail"] = errorDetail,
            ["product"] = new { id = ProductId },
            ["contract"] = new { id = contractId },
            ["vendor"] = new { id = "VA-1" },
            ["schema"] = "qt",
        });

    public static string Asset(string id, string contractId = ContractId, string productId = ProductId, params string[] mpns)
        => JsonSerializer.Serialize(new
        {
            id,
            status = "active",
            product = new { id = productId },
            contract = new { id = contractId },
            connection = new { type = "production" },
            items = (mpns.Length == 0 ? ["MPN-CPU", "MPN-RAM"] : mpns).Select((m, i) => new { id = "PRD-123-456-789-000" + (i + 1), mpn = m, quantity = "0", item_type = "PPU" }),
        });

    public void GivenProduct(string schema = "QT", bool ppu = true)
        => Json("GET", $"products/{ProductId}", ppu
            ? $$"""{"id": "{{ProductId}}", "capabilities": {"ppu": {"schema": "{{schema}}"} } }"""
            : $$"""{"id": "{{ProductId}}", "capabilities": {"ppu": null} }""");

    public void GivenAssets(params string[] assets) => Server.Given(Request.Create().WithPath($"{Base}/assets").UsingMethod("GET")).RespondWith(List(assets)(Response.Create()));

    public void GivenFiles(params string[] files) => Server.Given(Request.Create().WithPath($"{Base}/usage/files").UsingMethod("GET")).RespondWith(List(files)(Response.Create()));

    /// <summary>A whole list in one page, with the Content-Range total Connect sends.</summary>
    public static Func<IResponseBuilder, IResponseBuilder> List(params string[] items)
        => r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithHeader("Content-Range", items.Length == 0 ? "items 0-0/0" : $"items 0-{items.Length - 1}/{items.Length}")
            .WithBody("[" + string.Join(",", items) + "]");

    public void Json(string method, string path, string body, int status = 200)
        => Server.Given(Request.Create().WithPath($"{Base}/{path}").UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Answers a sequence of responses to the same call; the last one repeats.</summary>
    public void Sequence(string method, string path, params Func<IResponseBuilder, IResponseBuilder>[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = Server.Given(Request.Create().WithPath($"{Base}/{path}").UsingMethod(method)).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs("step" + i);
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo("step" + (i + 1));
            }

            mapping.RespondWith(responses[i](Response.Create()));
        }
    }

    public static Func<IResponseBuilder, IResponseBuilder> Answer(string body, int status = 200)
        => r => r.WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    /// <summary>The usual happy path after the list: create, upload (ready), submit (pending).</summary>
    public void GivenHappyFileCalls()
    {
        Json("POST", "usage/files", File("draft"), 201);
        Json("POST", $"usage/files/{FileId}/upload", File("ready"));
        Json("POST", $"usage/files/{FileId}/submit", File("pending"));
        Json("GET", $"usage/files/{FileId}", File("ready"));
    }

    public ConnectClient Client() => ConnectClient.Create(new ConnectClientOptions
    {
        Endpoint = new Uri(Server.Url + Base),
        ApiKey = "SU-123-456-789:0123456789abcdef",
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        Timeout = TimeSpan.FromSeconds(30),
    });

    public static UsageReporter Reporter(IConnectClient client, IUsageSource source, Action<UsageReportingOptions>? configure = null)
    {
        var options = new UsageReportingOptions { ProcessingPollInterval = TimeSpan.Zero, ProcessingTimeout = TimeSpan.FromSeconds(5) };
        options.ProductIds.Add(ProductId);
        configure?.Invoke(options);
        return new UsageReporter(client, source, Options.Create(options));
    }

    public byte[] UploadedWorkbook()
    {
        var upload = Calls("POST", "/upload").Last();
        return WorkbookReader.FilePart(upload.RequestMessage.BodyAsBytes ?? Encoding.Latin1.GetBytes(upload.RequestMessage.Body!));
    }

    public void Dispose() => Server.Stop();
}

/// <summary>A usage source answering from a table of records per asset; an asset id mapped to null throws.</summary>
internal sealed class TableUsageSource : IUsageSource
{
    public Dictionary<string, List<UsageRecord>?> Records { get; } = [];

    public List<string> Asked { get; } = [];

    public async IAsyncEnumerable<UsageRecord> GetUsageAsync(Models.Asset asset, UsagePeriod period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Asked.Add(asset.Id!);
        await Task.Yield();
        if (!Records.TryGetValue(asset.Id!, out var records))
        {
            yield break;
        }

        if (records is null)
        {
            throw new HttpRequestException("vendor API answered 503");
        }

        foreach (var record in records)
        {
            yield return record;
        }
    }
}
