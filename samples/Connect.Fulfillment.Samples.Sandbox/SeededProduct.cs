using System.Globalization;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// The product the program seeds, <c>PRD-100-000-001</c>: its template, its webhooks, and the requests made of it
/// (seeded cancels; purchase drafts and cancels ordered through the inspection server, <see cref="OrderRoutes"/>).
/// </summary>
internal static class SeededProduct
{
    public const string ProductId = "PRD-100-000-001";
    public const string ProductName = "Sandbox Cloud Backup";

    /// <summary>The ordering parameter every purchase draft carries, as the web sample's validator expects.</summary>
    public const string CustomerDomain = "customer_domain";

    /// <summary>The fulfillment parameter holding the vendor subscription id (the samples' <c>Fulfillment:SubscriptionIdParameter</c>).</summary>
    public const string SubscriptionId = "subscription_id";

    private const string Mpn = "BACKUP-100GB";

    /// <summary>Adds (or replaces) the product: its activation template and, when configured, its webhooks.</summary>
    public static void Add(ConnectSandbox sandbox, SandboxArguments arguments) => sandbox.Products.Add(ProductId, p =>
    {
        p.Name(ProductName)
            .Template("TL-100-000-001", name: "Default Activation Template", scope: "asset", type: "fulfillment",
                body: "# Your subscription is ready\n\nSubscription id: {{ subscription_id }}");
        if (arguments.ValidationWebhook is { } validation)
        {
            p.ValidationWebhook(validation, arguments.WebhookSecret!);
        }

        if (arguments.EventsWebhook is { } events)
        {
            p.EventsWebhook(events, arguments.WebhookSecret!);
        }
    });

    /// <summary>The vendor subscription id of the seeded cancel at <paramref name="index"/> (zero-based).</summary>
    public static string SeededSubscription(int index) => string.Create(CultureInfo.InvariantCulture, $"SUB-{index + 1:000000}");

    /// <summary>A pending cancel of the seeded subscription at <paramref name="index"/>.</summary>
    public static void SeededCancel(int index, RequestBuilder request) => request
        .Type("cancel").Status("pending").Product(ProductId, ProductName).Environment("preview")
        .Parameter(SubscriptionId, phase: "fulfillment", value: SeededSubscription(index))
        .Item(Mpn, quantity: 0, oldQuantity: 1);

    /// <summary>
    /// A purchase draft of one backup: <c>customer_domain</c> (required) and any other ordering values given, and an
    /// empty <c>subscription_id</c> for the processor to fill in.
    /// </summary>
    public static void Draft(RequestBuilder request, IReadOnlyList<KeyValuePair<string, string>> orderingValues)
    {
        request.Type("purchase").Product(ProductId, ProductName).Environment("preview");
        foreach (var (id, value) in orderingValues)
        {
            request.Parameter(id, phase: "ordering", value: value, required: id == CustomerDomain);
        }

        request.Parameter(SubscriptionId, phase: "fulfillment", value: null).Item(Mpn, quantity: 1);
    }

    /// <summary>A pending cancel of an active asset (its id given, so the vendor can know it before the request exists).</summary>
    public static void Cancel(RequestBuilder request, string assetId, string subscriptionId) => request
        .Type("cancel").Status("pending").Product(ProductId, ProductName).Environment("preview")
        .Asset(assetId)
        .Parameter(SubscriptionId, phase: "fulfillment", value: subscriptionId)
        .Item(Mpn, quantity: 0, oldQuantity: 1)
        .Configure(json => json["asset"]!["status"] = "active");
}
