using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Testing;

/// <summary>Options for <see cref="ConnectSandbox.StartAsync"/>.</summary>
public sealed class ConnectSandboxOptions
{
    /// <summary>Gets or sets the API key the sandbox accepts, with or without the <c>ApiKey </c> prefix; by default one is generated from <see cref="Seed"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the server-side cap on page size: a larger <c>limit</c> returns only this many items. Default 100.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Gets or sets a fixed latency added to every call (the lower bound when <see cref="MaxLatency"/> is set). Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Gets or sets the upper bound of a random latency in <see cref="Latency"/>..<see cref="MaxLatency"/>, or null for a fixed latency.</summary>
    public TimeSpan? MaxLatency { get; set; }

    /// <summary>Gets or sets the clock used for timestamps and delays. Default <see cref="System.TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the seed for all randomness (random latency, fault probabilities, generated key). Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets a logger factory for the server; by default nothing is logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
