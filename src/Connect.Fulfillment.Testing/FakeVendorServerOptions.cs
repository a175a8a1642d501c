using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Testing;

/// <summary>Options for <see cref="FakeVendorServer.StartAsync"/>.</summary>
public sealed class FakeVendorServerOptions
{
    /// <summary>Gets or sets the bearer token the server accepts; by default one is generated.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets a fixed latency added to every call before it is answered (on top of any <see cref="VendorBehavior.Slow"/> delay). Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Gets or sets the clock used for timestamps and delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a logger factory for the server; by default nothing is logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
