namespace Connect.Fulfillment.Samples.Processor;

/// <summary>The one stderr line and exit code for a run stopped by Connect (credentials refused, unreachable, unreadable), shared by both modes.</summary>
internal static class ConnectFailure
{
    /// <param name="error">Why Connect failed.</param>
    /// <param name="secrets">Masks the keys in what Connect echoed.</param>
    /// <param name="stderr">Where the line goes.</param>
    /// <param name="consequence">What did not happen, e.g. "the run stopped".</param>
    /// <returns>The exit code.</returns>
    public static int Describe(ConnectApiException error, SecretMask secrets, TextWriter stderr, string consequence)
    {
        if (error is ConnectUnauthorizedException)
        {
            stderr.WriteLine($"error: Connect refused the credentials (HTTP {error.StatusCode}{(error.ErrorCode is { } code ? " " + secrets.Clean(code) : string.Empty)}): check Connect:ApiKey and its permissions.");
            return ExitCodes.ConnectCredentialsRefused;
        }

        var what = error.StatusCode switch
        {
            0 => "Connect could not be reached",
            >= 200 and <= 299 => "Connect sent an answer that could not be read",
            _ => $"Connect answered HTTP {error.StatusCode}{(error.ErrorCode is { } c ? " " + secrets.Clean(c) : string.Empty)}",
        };
        stderr.WriteLine($"error: {what}; {consequence}: {Report.OneLine(error.Message, secrets)}");
        return ExitCodes.ConnectUnreachable;
    }
}
