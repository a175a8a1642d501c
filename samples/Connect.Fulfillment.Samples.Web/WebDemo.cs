using System.Security.Cryptography;
using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Web;

/// <summary>
/// The embedded demo of the web host, run when <c>Connect:Endpoint</c> is not set. Once the host listens, a demo product
/// of the embedded sandbox gets validation and events webhooks pointing at this host, and the demo tells, one line each
/// on stdout: a draft purchase with a bad <c>customer_domain</c> validated and kept a draft with the error, the domain
/// corrected and the draft becoming pending, that purchase and then a cancel processed from their events. The host
/// then keeps serving the sandbox and anyone else.
/// </summary>
internal sealed class WebDemo(WebApplication app, DemoEnvironment demo, TextWriter stdout)
{
    /// <summary>The product whose webhooks point at this host.</summary>
    public const string ProductId = "PRD-512-850-112";

    private const string ProductName = "Managed Mail for Business";
    private const string BadDomain = "contoso_mail.com";
    private const string GoodDomain = "contoso-mail.com";
    private const string CancelledSubscription = "SUB-20481";
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Prepares the host for the demo: a generated JWT secret when <c>Webhook:JwtSecret</c> is not set (the sandbox signs
    /// with it; it is never printed), and the demo product among the products processed.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="services">The host's services (after <c>AddSampleProcessor</c>).</param>
    public static void Configure(ConfigurationManager configuration, IServiceCollection services)
    {
        if (configuration[$"{WebhookSettingsCheck.Section}:{nameof(ConnectWebhookOptions.JwtSecret)}"] is null)
        {
            configuration.AddInMemoryCollection([new($"{WebhookSettingsCheck.Section}:{nameof(ConnectWebhookOptions.JwtSecret)}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))]);
        }

        services.PostConfigure<ConnectSettings>(connect => connect.Products.Add(ProductId));
    }

    /// <summary>Runs the demo story against the listening host; a failure is printed, and the host keeps serving.</summary>
    /// <param name="cancellationToken">Stops the story (the host is stopping).</param>
    /// <returns>A task that completes when the story has been told.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var baseUrl = WebAddresses.ForLoopbackCallers(app.Urls);
        try
        {
            await Say(demo.Notice);
            await TellAsync(baseUrl, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // The demo is an illustration: whatever stops it is printed, and the host keeps serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Say($"demo: the story stopped: {SecretMask.OneLine(ex.Message)}");
        }

        await Say($"demo: serving {baseUrl}connect/validation and {baseUrl}connect/events until Ctrl+C or SIGTERM.");
    }

    private async Task TellAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var sandbox = demo.Sandbox;
        var secret = app.Services.GetRequiredService<IOptions<ConnectWebhookOptions>>().Value.JwtSecret!;
        var validation = new Uri(baseUrl, "connect/validation");
        var events = new Uri(baseUrl, "connect/events");
        sandbox.Products.Add(ProductId, p => p
            .Name(ProductName)
            .Template("TL-512-850-112", name: "Default Activation Template", scope: "asset", type: "fulfillment",
                body: "# Your mailboxes are ready\n\nVendor subscription: {{ subscription_id }}")
            .ValidationWebhook(validation, secret)
            .EventsWebhook(events, secret));
        await Say($"demo: product {ProductId} ({ProductName}) sends its validation webhook to {validation} and its events to {events}, signed with Webhook:JwtSecret.");

        // 1. The customer orders with a domain that is not a DNS name: the draft stays a draft, carrying the error.
        var draft = await sandbox.Requests.AddDraftAsync(
            r => r.Type("purchase").Product(ProductId, ProductName).Environment("preview")
                .Customer("TA-5173-2207", "Contoso Mail Ltd")
                .Parameter(CustomerDomainValidator.ParameterId, phase: "ordering", value: BadDomain, required: true)
                .Parameter("subscription_id", phase: "fulfillment", value: null)
                .Item("MM-BUSINESS-50GB", quantity: 25),
            cancellationToken);
        await Say($"demo: draft purchase {draft.RequestId} with customer_domain '{BadDomain}' validated by /connect/validation: {Describe(draft)}");

        // 2. The customer corrects it: validated again, the error is cleared and the draft becomes pending.
        var corrected = await sandbox.Requests.UpdateDraftAsync(draft.RequestId, CustomerDomainValidator.ParameterId, GoodDomain, cancellationToken);
        await Say($"demo: customer_domain of {draft.RequestId} corrected to '{GoodDomain}' and validated again: {Describe(corrected)}");

        // 3. Pending requests are announced to /connect/events, and the pipeline processes them in the background.
        if (corrected.Status == "pending")
        {
            await Say($"demo: purchase {draft.RequestId} processed from its event: {await OutcomeAsync(draft.RequestId, cancellationToken)}");
        }

        var cancel = AddPendingCancel();
        await Say($"demo: cancel {cancel} of subscription {CancelledSubscription} is pending and announced to /connect/events.");
        await Say($"demo: cancel {cancel} processed from its event: {await OutcomeAsync(cancel, cancellationToken)}");
    }

    /// <summary>A pending cancel of an active asset whose subscription the demo vendor has; the sandbox announces it.</summary>
    private string AddPendingCancel()
    {
        // The vendor knows the subscription before the request exists: the event may be processed at once.
        const string AssetId = "AS-5128-5011-2208";
        demo.Vendor.SeedSubscription(CancelledSubscription, AssetId, ProductId);
        return demo.Sandbox.Requests.Add(r => r
            .Type("cancel").Status("pending").Product(ProductId, ProductName).Environment("preview")
            .Asset(AssetId)
            .Customer("TA-5173-2208", "Fourth Coffee")
            .Parameter("subscription_id", phase: "fulfillment", value: CancelledSubscription)
            .Item("MM-BUSINESS-50GB", quantity: 0, oldQuantity: 10)
            .Configure(json => json["asset"]!["status"] = "active"));
    }

    /// <summary>Waits until the pipeline has moved the request out of pending, and says where it ended.</summary>
    private async Task<string> OutcomeAsync(string requestId, CancellationToken cancellationToken)
    {
        var sandbox = demo.Sandbox;
        await sandbox.Webhooks.WhenDeliveredAsync(cancellationToken);
        var deadline = TimeProvider.System.GetTimestamp();
        string? status;
        while ((status = sandbox.GetRequestStatus(requestId)) == "pending" && TimeProvider.System.GetElapsedTime(deadline) < ProcessingTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        }

        var subscription = sandbox.GetRequestParameterValue(requestId, "subscription_id");
        var vendor = string.IsNullOrEmpty(subscription) ? null : demo.Vendor.GetSubscription(subscription);
        return status switch
        {
            "pending" => $"still pending after {ProcessingTimeout.TotalSeconds:0} s; see the log.",
            _ when vendor is not null => $"{status} (vendor subscription {vendor.Id} {vendor.Status}).",
            _ => $"{status}.",
        };
    }

    private static string Describe(SandboxDraftResult result)
    {
        if (result.Problem is { } problem)
        {
            return $"the webhook call failed (HTTP {result.WebhookStatusCode}): {SecretMask.OneLine(problem)}";
        }

        var errors = result.Errors.Count == 0
            ? "no errors"
            : string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"));
        return $"{result.Status} ({errors}).";
    }

    private Task Say(string line) => stdout.WriteLineAsync(line);
}
