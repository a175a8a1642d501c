using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>Why a request read from Connect is not processed: how it is counted, and the reason reported.</summary>
/// <param name="Status">How it ends in the summary.</param>
/// <param name="Reason">Why, with every value from the wire escaped.</param>
internal readonly record struct Refusal(RequestResultStatus Status, string Reason);

/// <summary>
/// Checks a request Connect sent before anything is done for it. A server that ignores a filter must not get
/// another product's, environment's or status's request handled (its vendor call made, its transition sent), so the
/// fields the listing query filtered on are compared again here; and the ids the pipeline uses besides the request's
/// own (its asset or tier configuration, its product) must be shaped like Connect ids, since they go into log
/// scopes, template lookups and handlers.
/// </summary>
internal sealed class ListedRequestCheck
{
    private readonly string subjectName;
    private readonly string subjectPrefix;
    private readonly string[] products;
    private readonly string[] environments;
    private readonly string[] statuses;
    private readonly string[] types;
    private readonly string[] ids;

    private ListedRequestCheck(string subjectName, string subjectPrefix, IEnumerable<string> products, IEnumerable<string> environments, IEnumerable<string> statuses, IEnumerable<string> types, IEnumerable<string> ids)
    {
        this.subjectName = subjectName;
        this.subjectPrefix = subjectPrefix;
        this.products = [.. products];
        this.environments = [.. environments];
        this.statuses = [.. statuses];
        this.types = [.. types];
        this.ids = [.. ids];
    }

    /// <summary>The check for what a fulfillment request listing asks for.</summary>
    /// <param name="query">The listing query.</param>
    /// <returns>The check.</returns>
    public static ListedRequestCheck For(RequestQuery query) => new(
        "asset",
        ConnectIds.AssetPrefix,
        query.ProductIds,
        query.Environments.Select(e => e.ToString()),
        query.Statuses.Select(s => s.ToString()),
        query.Types.Select(t => t.ToString()),
        query.Ids);

    /// <summary>The check for what a tier configuration request listing asks for.</summary>
    /// <param name="query">The listing query.</param>
    /// <returns>The check.</returns>
    public static ListedRequestCheck For(TierConfigRequestQuery query) => new(
        "tier configuration",
        ConnectIds.TierConfigurationPrefix,
        query.ProductIds,
        query.Environments.Select(e => e.ToString()),
        query.Statuses.Select(s => s.ToString()),
        query.Types.Select(t => t.ToString()),
        query.Ids);

    /// <summary>Why the request must not be processed; null when it may be. Its own id is checked before, by the caller.</summary>
    /// <param name="item">The request as read.</param>
    /// <param name="checkStatus">Whether its status is compared too (the caller may report a status of its own).</param>
    /// <returns>The refusal, or null.</returns>
    public Refusal? Check(WorkItem item, bool checkStatus = true)
    {
        if (item.SubjectId is { Length: > 0 } subject && !ConnectIds.IsValid(subject, subjectPrefix))
        {
            return InvalidId(subjectName, subject, subjectPrefix);
        }

        if (item.ProductId is { Length: > 0 } product && !ConnectIds.IsValid(product, ConnectIds.ProductPrefix))
        {
            return InvalidId("product", product, ConnectIds.ProductPrefix);
        }

        return Mismatch("product", item.ProductId, products)
            ?? Mismatch("environment", item.Environment, environments)
            ?? (checkStatus ? Mismatch("status", item.Status.ToString(), statuses) : null)
            ?? Mismatch("type", item.Type, types)
            ?? Mismatch("id", item.Id, ids);
    }

    private static Refusal InvalidId(string what, string id, string prefix)
        => new(RequestResultStatus.Skipped, $"its {what} id \"{ConnectIds.Escape(id)}\" is not a valid Connect {what} id ({prefix}-…); it was not processed");

    /// <summary>A refusal when the query filtered on a field and the value Connect sent is not one it asked for.</summary>
    private static Refusal? Mismatch(string field, string? value, string[] asked)
    {
        if (asked.Length == 0 || (value is not null && asked.Contains(value, StringComparer.Ordinal)))
        {
            return null;
        }

        var sent = string.IsNullOrEmpty(value) ? $"with no {field}" : $"with {field} \"{ConnectIds.Escape(value)}\"";
        var handled = string.Join(", ", asked.Select(ConnectIds.Escape));
        return new(RequestResultStatus.Ignored, $"did not match the query: Connect sent it {sent}, but this processor handles only {field} {handled}; nothing was done");
    }
}
