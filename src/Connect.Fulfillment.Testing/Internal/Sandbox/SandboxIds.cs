using System.Globalization;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Generates ids in Connect's formats (<c>PR-XXXX-XXXX-XXXX-001</c>, <c>AS-XXX-XXX-XXX</c>, …); thread-safe.</summary>
internal sealed class SandboxIds
{
    private long _request;
    private long _asset;
    private long _tierConfigRequest;
    private long _conversation;
    private long _message;
    private long _template;

    public string NextRequest()
    {
        var n = Interlocked.Increment(ref _request);
        return string.Create(CultureInfo.InvariantCulture, $"PR-{(n / 100_000_000) % 10_000:0000}-{(n / 10_000) % 10_000:0000}-{n % 10_000:0000}-001");
    }

    public string NextAsset() => Triple("AS", ref _asset);

    public string NextTierConfigRequest() => Triple("TCR", ref _tierConfigRequest) + "-001";

    public string NextTemplate() => Triple("TL", ref _template);

    public string NextConversation() => Triple("CO", ref _conversation);

    public string NextMessage() => Triple("ME", ref _message);

    private static string Triple(string prefix, ref long counter)
    {
        var n = Interlocked.Increment(ref counter);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{(n / 1_000_000) % 1000:000}-{(n / 1000) % 1000:000}-{n % 1000:000}");
    }
}
