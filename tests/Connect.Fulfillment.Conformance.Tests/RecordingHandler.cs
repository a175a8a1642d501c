using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>One call as Prism saw it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path the client sent, with the spec's server prefix.</param>
/// <param name="Status">Prism's status code.</param>
/// <param name="Violations">Prism's <c>sl-violations</c>: what in the request breaks the spec; empty when nothing does.</param>
public sealed record PrismCall(string Method, string Path, int Status, IReadOnlyList<PrismViolation> Violations);

/// <summary>One entry of Prism's <c>sl-violations</c> header.</summary>
/// <param name="Location">Where, for example <c>request.body.configuration</c>.</param>
/// <param name="Code">The rule, for example <c>required</c>.</param>
/// <param name="Message">Prism's message.</param>
public sealed record PrismViolation(string Location, string Code, string Message);

/// <summary>
/// The innermost handler of the client under test: checks that every call carries the spec's server path
/// (<c>servers[0].url</c>, <c>/public/v1</c>), forwards it to Prism without that prefix (Prism serves the bare paths),
/// and records Prism's verdict.
/// </summary>
public sealed partial class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<PrismCall> calls = new();

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The path of the spec's first server URL.</summary>
    public static string ServerPath { get; } = ReadServerPath();

    /// <summary>The calls so far.</summary>
    public IReadOnlyList<PrismCall> Calls => calls.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        Assert.That(path, Does.StartWith(ServerPath + "/"), "every call must carry the spec's server path");
        request.RequestUri = new Uri(Prism.BaseAddress, path[ServerPath.Length..] + uri.Query);

        var response = await base.SendAsync(request, cancellationToken);
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? ParseViolations(string.Join(string.Empty, values)).ToList() : [];
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            // Prism refuses some requests outright (unknown route, 415 for a body where the spec has none) with a
            // problem document instead of sl-violations: that is a request violation too.
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            violations.Add(new PrismViolation("request", "prism-" + (int)response.StatusCode, problem));
        }

        calls.Enqueue(new PrismCall(request.Method.Method, path, (int)response.StatusCode, violations));
        await FixContentRangeAsync(request, response, cancellationToken);
        return response;
    }

    /// <summary>
    /// Prism's mock answers a list with the literal header <c>Content-Range: string</c> (the spec types it only as a
    /// string) and ignores offset. A real range for what it sent lets the client's listing and count end normally; the
    /// requests are what this suite checks.
    /// </summary>
    private static async Task FixContentRangeAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.Content.Headers.NonValidated.Contains("Content-Range"))
        {
            return;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var count = 0;
        try
        {
            using var list = JsonDocument.Parse(bytes);
            count = list.RootElement.ValueKind == JsonValueKind.Array ? list.RootElement.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            // Not a list: leave the header as it is.
            return;
        }

        var offsetMatch = OffsetParameter().Match(request.RequestUri!.Query);
        var offset = offsetMatch.Success ? int.Parse(offsetMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var content = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        content.Headers.Remove("Content-Range");
        content.Headers.TryAddWithoutValidation("Content-Range", $"items {offset}-{offset + Math.Max(count, 1) - 1}/{offset + count}");
    }

    private static IReadOnlyList<PrismViolation> ParseViolations(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(v => new PrismViolation(
            string.Join('.', v.GetProperty("location").EnumerateArray().Select(l => l.ToString())),
            v.GetProperty("code").ToString(),
            v.GetProperty("message").GetString() ?? string.Empty)).ToList();
    }

    private static string ReadServerPath()
    {
        using var reader = new StreamReader(Prism.SpecPath);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (ServerUrl().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value).AbsolutePath.TrimEnd('/');
            }
        }

        throw new InvalidOperationException("The spec names no server URL.");
    }

    [GeneratedRegex(@"^- url: (https?://\S+)$")]
    private static partial Regex ServerUrl();

    [GeneratedRegex(@"[?&]offset=(\d+)")]
    private static partial Regex OffsetParameter();
}
