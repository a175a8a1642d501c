using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>Resolves template names to ids once per product, scope and name, for the lifetime of one run.</summary>
internal sealed class TemplateResolver(IConnectClient client)
{
    private readonly ConcurrentDictionary<(string Product, string Scope, string Name), Lazy<Task<string?>>> cache = new();

    private int lookups;

    public int Lookups => Volatile.Read(ref lookups);

    /// <summary>
    /// Resolves a template name; concurrent callers share one lookup. A lookup that fails (or is cancelled) is not
    /// kept, so the next request of the run looks the template up again instead of inheriting the failure.
    /// </summary>
    public async Task<string?> ResolveAsync(string productId, TemplateScope scope, string name, CancellationToken cancellationToken)
    {
        var key = (productId, scope.Value, name);
        var entry = cache.GetOrAdd(key, k => new Lazy<Task<string?>>(() => LookUpAsync(k.Product, scope, k.Name, cancellationToken)));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch (Exception)
        {
            cache.TryRemove(new KeyValuePair<(string Product, string Scope, string Name), Lazy<Task<string?>>>(key, entry));
            throw;
        }
    }

    private async Task<string?> LookUpAsync(string productId, TemplateScope scope, string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lookups);
        string? fallback = null;
        string? unusable = null;
        await foreach (var template in client.ListProductTemplatesAsync(productId, new TemplateQuery { Name = name, Scope = scope }, cancellationToken).ConfigureAwait(false))
        {
            // Connect filters by name and scope; check again in case a server ignores a filter.
            if (template.Name != name || (template.Scope.Value is { Length: > 0 } && template.Scope != scope) || string.IsNullOrEmpty(template.Id))
            {
                continue;
            }

            // The id goes into the approval sent to Connect and into the summary: one not shaped like a template id is never used.
            if (!ConnectIds.IsValid(template.Id, ConnectIds.TemplatePrefix))
            {
                unusable ??= template.Id;
                continue;
            }

            if (template.Type == TemplateType.Fulfillment)
            {
                return template.Id;
            }

            fallback ??= template.Type.Value is null or "" ? template.Id : null;
        }

        if (fallback is null && unusable is not null)
        {
            // Failing the lookup (not answering "not found") makes the request's reason say what was wrong.
            throw new ConnectApiException(
                $"Connect listed a template named '{name}' whose id \"{ConnectIds.Escape(unusable)}\" is not a valid Connect template id ({ConnectIds.TemplatePrefix}-…), so it was not used");
        }

        return fallback;
    }
}
