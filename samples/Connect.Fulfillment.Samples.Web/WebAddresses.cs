namespace Connect.Fulfillment.Samples.Web;

/// <summary>Turns the addresses Kestrel listens on into one that a caller on this machine (the embedded sandbox) can use.</summary>
internal static class WebAddresses
{
    /// <summary>
    /// The first http address (else the first one), with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>,
    /// <c>+</c>) replaced by the loopback address, ending with a slash.
    /// </summary>
    /// <param name="addresses">The addresses the server listens on, as <c>WebApplication.Urls</c> gives them once started.</param>
    /// <returns>The base URL.</returns>
    /// <exception cref="InvalidOperationException">The server listens on no address.</exception>
    public static Uri ForLoopbackCallers(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var all = addresses.ToList();
        var address = all.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault()
            ?? throw new InvalidOperationException("The web host listens on no address.");

        // "http://+:80" and "http://*:80" are not URIs; Kestrel reports the bound port in place of 0.
        var scheme = address[..(address.IndexOf("://", StringComparison.Ordinal) + 3)];
        var rest = address[scheme.Length..];
        foreach (var wildcard in (string[])["+:", "*:", "0.0.0.0:", "[::]:"])
        {
            if (rest.StartsWith(wildcard, StringComparison.Ordinal))
            {
                rest = (wildcard == "[::]:" ? "[::1]:" : "127.0.0.1:") + rest[wildcard.Length..];
                break;
            }
        }

        var uri = new Uri(scheme + rest);
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
