using System.Net;
using System.Net.Sockets;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>
/// A loopback TCP listener that resets every connection it accepts (RST, no HTTP answer). WireMock.Net's faults still
/// write an HTTP response, so a real connection reset needs this.
/// </summary>
internal sealed class ResettingListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int accepted;

    public ResettingListener()
    {
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/public/v1");

    public int Accepted => Volatile.Read(ref accepted);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                Interlocked.Increment(ref accepted);
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (SocketException)
                {
                    // The client went away first; nothing to reset.
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
