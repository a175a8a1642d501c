using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>The answer to one webhook call: a status and body, or why there was none.</summary>
internal sealed record WebhookAnswer(int? StatusCode, string? Body, string? Problem)
{
    public bool IsSuccess => Problem is null;
}

/// <summary>
/// Posts one webhook call with a freshly signed token and a timeout on the sandbox's clock. Failures (refused
/// connection, timeout, non-2xx, oversized answer) become a <see cref="WebhookAnswer.Problem"/>, never an exception,
/// and never mention the token or the secret.
/// </summary>
internal sealed class WebhookSender(TimeProvider timeProvider) : IDisposable
{
    /// <summary>A validation answer is one request; anything near this size is not one.</summary>
    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), AllowAutoRedirect = false })
    {
        // The timeout is enforced on the sandbox's TimeProvider instead.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxAnswerBytes,
    };

    public async Task<WebhookAnswer> PostAsync(WebhookTarget target, string json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        using var message = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebhookTokens.Create(target, timeProvider));
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new WebhookAnswer(status, body, null)
                : new WebhookAnswer(status, body, string.Create(CultureInfo.InvariantCulture, $"The webhook answered {status} {response.ReasonPhrase}."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAnswer(null, null, string.Create(CultureInfo.InvariantCulture, $"The webhook did not answer within {timeout.TotalSeconds:0.###} s."));
        }
        catch (HttpRequestException e)
        {
            // HttpClient's own texts name the host and the socket error, nothing from the request headers.
            return new WebhookAnswer((int?)e.StatusCode, null, $"The webhook could not be reached: {e.Message}");
        }
    }

    public void Dispose() => _client.Dispose();
}
