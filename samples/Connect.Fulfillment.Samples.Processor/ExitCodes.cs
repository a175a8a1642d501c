namespace Connect.Fulfillment.Samples.Processor;

/// <summary>The processor's exit codes (README, docs/configuration.md, docs/troubleshooting.md).</summary>
internal static class ExitCodes
{
    /// <summary>The run completed; failed or pending requests are a normal outcome.</summary>
    public const int Ok = 0;

    /// <summary>Invalid configuration: one line on stderr names the key.</summary>
    public const int InvalidConfiguration = SampleStartup.ExitInvalidConfiguration;

    /// <summary>Connect refused the credentials.</summary>
    public const int ConnectCredentialsRefused = 3;

    /// <summary>Connect could not be reached, or the run stopped on an answer it could not read.</summary>
    public const int ConnectUnreachable = 4;

    /// <summary>The run completed, but the vendor refused our credentials (401/403): those requests stay pending.</summary>
    public const int VendorCredentialsRefused = 5;

    /// <summary>The coordination database (Coordination:PostgreSql:ConnectionString) could not be reached: no new request started.</summary>
    public const int CoordinationUnreachable = 6;

    /// <summary>Cancelled by Ctrl-C or SIGTERM.</summary>
    public const int Cancelled = 130;
}
