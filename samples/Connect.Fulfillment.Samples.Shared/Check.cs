namespace Connect.Fulfillment.Samples;

/// <summary>The value checks the settings validators share; each returns one line naming the key, or null.</summary>
public static class Check
{
    /// <summary>An absolute http(s) URL with a host, no query or fragment, and https unless it goes to loopback.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">The value.</param>
    /// <param name="secret">What http:// would expose.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Url(string key, string? value, string secret)
    {
        if (value is null)
        {
            return $"{key} is required when Connect:Endpoint is set.";
        }

        if (value.Trim().Length == 0)
        {
            // An empty value usually means a variable that did not expand: running the demo instead would hide it.
            return key == "Connect:Endpoint"
                ? "Connect:Endpoint is set but empty; set it to the Connect API URL, or remove it to run the embedded demo."
                : $"{key} is set but empty.";
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return $"{key} must be an absolute http(s) URL; got '{Shorten(value)}'.";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"{key} must not have a query string, fragment or user name; got '{Shorten(uri.GetLeftPart(UriPartial.Path))}…'.";
        }

        return uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback
            ? $"{key} uses http:// to '{uri.Host}', which would send {secret} in clear text; use https:// (http:// is only allowed to loopback)."
            : null;
    }

    /// <summary>A key sent in an HTTP header: present, printable ASCII. The value is never part of the message.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">The value.</param>
    /// <param name="what">What the key is, for the message.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Secret(string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{key} is required when Connect:Endpoint is set ({what}).";
        }

        return value.Any(c => c is < ' ' or > '~')
            ? $"{key} contains characters that cannot be sent in an HTTP header (only printable ASCII is allowed); check how it was pasted."
            : null;
    }

    /// <summary>A file the host can create or write (opened, not truncated).</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="path">The path.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Writable(string key, string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{key} '{Shorten(path)}' cannot be written ({ex.GetType().Name}: {Shorten(ex.Message)}).";
        }
    }

    /// <summary>A whole number within bounds.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The lowest value allowed.</param>
    /// <param name="max">The highest value allowed.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Range(string key, int value, int min, int max)
        => value < min || value > max ? $"{key} must be between {min} and {max}; got {value}." : null;

    /// <summary>Cuts a value to 80 characters and removes line breaks, for a one-line message.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The printable value.</returns>
    public static string Shorten(string text)
    {
        var line = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
