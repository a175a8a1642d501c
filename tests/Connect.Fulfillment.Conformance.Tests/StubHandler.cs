using System.Net;
using System.Text;
using System.Text.Json;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>Answers every call with one fixed status and JSON body, so a payload is read exactly as the client reads Connect.</summary>
public sealed class StubHandler(int status, string body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (body.TrimStart().StartsWith('['))
        {
            // One page holding the whole list.
            using var list = JsonDocument.Parse(body);
            var count = list.RootElement.GetArrayLength();
            content.Headers.TryAddWithoutValidation("Content-Range", $"items 0-{Math.Max(count - 1, 0)}/{count}");
        }

        return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = content, RequestMessage = request });
    }

    /// <summary>A client that reads <paramref name="body"/> as Connect's answer to any call.</summary>
    public static ConnectClient Client(string body, int status = 200) => ConnectClient.Create(
        new ConnectClientOptions { Endpoint = new Uri("https://api.connect.example/public/v1"), ApiKey = "SU-1:x", MaxRetryAttempts = 0 },
        primaryHandler: new StubHandler(status, body));
}
