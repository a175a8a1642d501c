using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline;

/// <summary>Resolves template names to ids once per product, scope and name, for the lifetime of one run.</summary>
internal sealed class TemplateResolver(IConnectClient client)
{
    private readonly ConcurrentDictionary<(string Product, string Scope, string Name), Lazy<Task<string?>>> cache = new();

    private int lookups;

    public int Lookups => Volatile.Read(ref lookups);

    public Task<string?> ResolveAsync(string productId, TemplateScope scope, string name, CancellationToken cancellationToken)
        => cache.GetOrAdd((productId, scope.Value, name), key => new Lazy<Task<string?>>(() => LookUpAsync(key.Product, scope, key.Name, cancellationToken))).Value;

    private async Task<string?> LookUpAsync(string productId, TemplateScope scope, string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lookups);
        string? fallback = null;
        await foreach (var template in client.ListProductTemplatesAsync(productId, new TemplateQuery { Name = name, Scope = scope }, cancellationToken).ConfigureAwait(false))
        {
            // Connect filters by name and scope; check again in case a server ignores a filter.
            if (template.Name != name || (template.Scope.Value is { Length: > 0 } && template.Scope != scope) || string.IsNullOrEmpty(template.Id))
            {
                continue;
            }

            if (template.Type == TemplateType.Fulfillment)
            {
                return template.Id;
            }

            fallback ??= template.Type.Value is null or "" ? template.Id : null;
        }

        return fallback;
    }
}
