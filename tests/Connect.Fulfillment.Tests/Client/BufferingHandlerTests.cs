using System.Net;
using System.Net.Sockets;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>
/// The HTTP stack sometimes lets a raw <see cref="SocketException"/> through (a reset just after connecting, seen as
/// "Transport endpoint is not connected" while it reads the remote end point). The handler under every attempt must
/// turn it into the <see cref="HttpRequestException"/> that the retry rules and the error mapping expect.
/// </summary>
public sealed class BufferingHandlerTests
{
    [Test]
    public void A_raw_socket_error_while_connecting_becomes_an_HttpRequestException()
    {
        using var invoker = new HttpMessageInvoker(new BufferingHandler { InnerHandler = new Throwing(new SocketException((int)SocketError.NotConnected)) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/public/v1/requests");

        var error = Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.That(error!.InnerException, Is.InstanceOf<SocketException>());
    }

    [Test]
    public void A_socket_error_while_reading_the_body_becomes_an_HttpRequestException()
    {
        using var invoker = new HttpMessageInvoker(new BufferingHandler { InnerHandler = new Answering(new FailingContent(new SocketException((int)SocketError.ConnectionReset))) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/public/v1/requests");

        var error = Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.That(error!.InnerException, Is.InstanceOf<SocketException>());
    }

    [Test]
    public void Other_errors_are_not_disguised()
    {
        using var invoker = new HttpMessageInvoker(new BufferingHandler { InnerHandler = new Throwing(new InvalidOperationException("bug")) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/public/v1/requests");

        Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(request, CancellationToken.None));
    }

    [Test]
    public async Task A_body_nested_1000_levels_deep_is_kept_and_not_marked_malformed_so_it_is_not_retried()
    {
        var deep = new string('[', 1000) + new string(']', 1000);
        using var invoker = new HttpMessageInvoker(new BufferingHandler { InnerHandler = new Answering(new StringContent(deep)) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/public/v1/requests");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.That(response.Content, Is.InstanceOf<BufferedContent>().With.Property(nameof(BufferedContent.IsMalformedJson)).False);
    }

    [Test]
    public async Task A_body_over_the_limit_set_on_the_request_is_replaced_by_a_marker_that_names_the_limit()
    {
        using var invoker = new HttpMessageInvoker(new BufferingHandler { InnerHandler = new Answering(new StringContent(new string('x', 5000))) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/public/v1/requests");
        request.Options.Set(Connect.Fulfillment.Client.Internal.ResponseLimit.Key, 4096L);

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var error = Assert.ThrowsAsync<Connect.Fulfillment.Client.Internal.ResponseTooLargeException>(() => response.Content.ReadAsStreamAsync());
            Assert.That(error!.Message, Is.EqualTo("a body of 5000 bytes larger than the limit of 4096 bytes (ConnectClientOptions.MaxResponseBytes); it was not read"));
        });
    }

    private sealed class Throwing(Exception error) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromException<HttpResponseMessage>(error);
    }

    private sealed class Answering(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    private sealed class FailingContent(Exception error) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Task.FromException(error);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
