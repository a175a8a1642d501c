using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// The configuration of the sample hosts, read from the keys documented in <c>docs/configuration.md</c>
/// (<c>Connect:*</c>, <c>Vendor:*</c>, <c>Fulfillment:*</c>). <see cref="Load"/> checks every key and reports the
/// first problem as a <see cref="SampleConfigurationException"/> naming the key. <see cref="ToString"/> never shows a key.
/// </summary>
public sealed class SampleSettings
{
    /// <summary>The environments Connect knows.</summary>
    public static readonly IReadOnlyList<string> KnownEnvironments = ["preview", "test", "production"];

    /// <summary>The Connect API endpoint; null runs the embedded sandbox demo.</summary>
    public Uri? ConnectEndpoint { get; private init; }

    /// <summary>The Connect API key (with or without the <c>ApiKey </c> prefix).</summary>
    public string? ConnectApiKey { get; private init; }

    /// <summary>The product ids processed.</summary>
    public IReadOnlyList<string> Products { get; private init; } = [];

    /// <summary>The environments processed; <c>preview</c> when none are configured.</summary>
    public IReadOnlyList<string> Environments { get; private init; } = ["preview"];

    /// <summary>The vendor API base URL.</summary>
    public Uri? VendorBaseUrl { get; private init; }

    /// <summary>The vendor API key, sent as <c>Authorization: Bearer …</c>.</summary>
    public string? VendorApiKey { get; private init; }

    /// <summary>The timeout of one vendor call attempt.</summary>
    public TimeSpan VendorTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>The activation template id; wins over <see cref="ApproveTemplateName"/>.</summary>
    public string? ApproveTemplateId { get; private init; }

    /// <summary>The name of the product's asset-scope activation template.</summary>
    public string ApproveTemplateName { get; private init; } = "Default Activation Template";

    /// <summary>The fulfillment parameter holding the vendor subscription id.</summary>
    public string SubscriptionIdParameter { get; private init; } = "subscription_id";

    /// <summary>How many requests are processed at once.</summary>
    public int MaxConcurrency { get; private init; } = 8;

    /// <summary>Decide and report without writing to Connect or calling the vendor.</summary>
    public bool DryRun { get; private init; }

    /// <summary>This replica's index.</summary>
    public int ReplicaIndex { get; private init; }

    /// <summary>How many replicas share the work.</summary>
    public int ReplicaCount { get; private init; } = 1;

    /// <summary>Whether the embedded sandbox demo runs (no <c>Connect:Endpoint</c>).</summary>
    public bool IsDemo => ConnectEndpoint is null;

    /// <summary>Reads and checks the settings.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="SampleConfigurationException">A key is missing or invalid; the message is one line naming it.</exception>
    public static SampleSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Connect:Endpoint"] is { } rawEndpoint && rawEndpoint.Trim().Length == 0)
        {
            // An empty value usually means a variable that did not expand: running the demo instead would hide it.
            throw new SampleConfigurationException("Connect:Endpoint", "Connect:Endpoint is set but empty; set it to the Connect API URL, or remove it to run the embedded demo.");
        }

        var endpoint = OptionalUrl(configuration, "Connect:Endpoint");
        if (endpoint is not null && endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            throw new SampleConfigurationException("Connect:Endpoint", $"Connect:Endpoint uses http:// to '{endpoint.Host}', which would send the API key in clear text; use https:// (http:// is only allowed to loopback).");
        }

        var environments = List(configuration, "Connect:Environments");
        foreach (var environment in environments)
        {
            if (!KnownEnvironments.Contains(environment, StringComparer.Ordinal))
            {
                throw new SampleConfigurationException("Connect:Environments", $"Connect:Environments has '{environment}'; use preview, test or production.");
            }
        }

        var vendorTimeout = Int(configuration, "Vendor:TimeoutSeconds", 30, 1, 3600);
        var templateName = Text(configuration, "Fulfillment:ApproveTemplateName");
        var parameter = configuration["Fulfillment:SubscriptionIdParameter"];
        if (parameter is not null && parameter.Trim().Length == 0)
        {
            throw new SampleConfigurationException("Fulfillment:SubscriptionIdParameter", "Fulfillment:SubscriptionIdParameter must not be empty (default subscription_id).");
        }

        var maxConcurrency = Int(configuration, "Fulfillment:MaxConcurrency", 8, 1, 1024);
        var dryRun = Bool(configuration, "Fulfillment:DryRun");
        var replicaCount = Int(configuration, "Fulfillment:ReplicaCount", 1, 1, 1024);
        var replicaIndex = Int(configuration, "Fulfillment:ReplicaIndex", 0, 0, int.MaxValue);
        if (replicaIndex >= replicaCount)
        {
            throw new SampleConfigurationException("Fulfillment:ReplicaIndex", $"Fulfillment:ReplicaIndex must be between 0 and Fulfillment:ReplicaCount - 1 ({replicaCount - 1}); got {replicaIndex}.");
        }

        var settings = new SampleSettings
        {
            ConnectEndpoint = endpoint,
            Environments = environments.Count == 0 ? ["preview"] : environments,
            VendorTimeout = TimeSpan.FromSeconds(vendorTimeout),
            ApproveTemplateId = Text(configuration, "Fulfillment:ApproveTemplateId"),
            ApproveTemplateName = templateName ?? "Default Activation Template",
            SubscriptionIdParameter = parameter?.Trim() ?? "subscription_id",
            MaxConcurrency = maxConcurrency,
            DryRun = dryRun,
            ReplicaIndex = replicaIndex,
            ReplicaCount = replicaCount,
        };

        if (endpoint is null)
        {
            // The embedded demo supplies its own Connect sandbox, product and vendor.
            return settings;
        }

        var apiKey = Text(configuration, "Connect:ApiKey");
        if (apiKey is null || apiKey.Equals("ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            throw new SampleConfigurationException("Connect:ApiKey", "Connect:ApiKey is required when Connect:Endpoint is set (a token from Connect's Integrations → Tokens).");
        }

        if (apiKey.Any(char.IsControl))
        {
            throw new SampleConfigurationException("Connect:ApiKey", "Connect:ApiKey contains control characters.");
        }

        var products = List(configuration, "Connect:Products");
        if (products.Count == 0)
        {
            throw new SampleConfigurationException("Connect:Products", "Connect:Products must list at least one product id (PRD-…) when Connect:Endpoint is set.");
        }

        var vendorUrl = OptionalUrl(configuration, "Vendor:BaseUrl")
            ?? throw new SampleConfigurationException("Vendor:BaseUrl", "Vendor:BaseUrl is required when Connect:Endpoint is set (the vendor API's base URL).");
        if (vendorUrl.Scheme == Uri.UriSchemeHttp && !vendorUrl.IsLoopback)
        {
            throw new SampleConfigurationException("Vendor:BaseUrl", $"Vendor:BaseUrl uses http:// to '{vendorUrl.Host}', which would send the vendor key in clear text; use https:// (http:// is only allowed to loopback).");
        }

        var vendorKey = Text(configuration, "Vendor:ApiKey")
            ?? throw new SampleConfigurationException("Vendor:ApiKey", "Vendor:ApiKey is required when Connect:Endpoint is set.");
        if (vendorKey.Any(char.IsControl))
        {
            throw new SampleConfigurationException("Vendor:ApiKey", "Vendor:ApiKey contains control characters.");
        }

        return new SampleSettings
        {
            ConnectEndpoint = endpoint,
            ConnectApiKey = apiKey,
            Products = products,
            Environments = settings.Environments,
            VendorBaseUrl = vendorUrl,
            VendorApiKey = vendorKey,
            VendorTimeout = settings.VendorTimeout,
            ApproveTemplateId = settings.ApproveTemplateId,
            ApproveTemplateName = settings.ApproveTemplateName,
            SubscriptionIdParameter = settings.SubscriptionIdParameter,
            MaxConcurrency = settings.MaxConcurrency,
            DryRun = settings.DryRun,
            ReplicaIndex = settings.ReplicaIndex,
            ReplicaCount = settings.ReplicaCount,
        };
    }

    /// <summary>Describes the settings without any key.</summary>
    /// <returns>A description.</returns>
    public override string ToString()
        => IsDemo
            ? "embedded sandbox demo"
            : $"Connect {ConnectEndpoint} products {string.Join(",", Products)} in {string.Join(",", Environments)}; vendor {VendorBaseUrl}";

    private static string? Text(IConfiguration configuration, string key)
        => configuration[key] is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    private static Uri? OptionalUrl(IConfiguration configuration, string key)
    {
        if (Text(configuration, key) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new SampleConfigurationException(key, $"{key} must be an absolute http(s) URL; got '{Shorten(text)}'.");
        }

        return uri;
    }

    private static List<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var children = section.GetChildren().ToList();
        IEnumerable<string?> raw = children.Count > 0
            ? children.Select(c => c.Value)
            : section.Value is { } scalar ? scalar.Split(',') : [];
        var values = new List<string>();
        foreach (var value in raw)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new SampleConfigurationException(key, $"{key} has an empty entry.");
            }

            values.Add(value.Trim());
        }

        return values;
    }

    private static int Int(IConfiguration configuration, string key, int defaultValue, int min, int max)
    {
        if (Text(configuration, key) is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new SampleConfigurationException(key, $"{key} must be a whole number; got '{Shorten(text)}'.");
        }

        if (value < min || value > max)
        {
            var range = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
            throw new SampleConfigurationException(key, $"{key} must be {range}; got {value}.");
        }

        return value;
    }

    private static bool Bool(IConfiguration configuration, string key)
    {
        if (Text(configuration, key) is not { } text)
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new SampleConfigurationException(key, $"{key} must be true or false; got '{Shorten(text)}'.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
