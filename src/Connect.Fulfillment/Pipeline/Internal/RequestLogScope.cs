using System.Collections;
using System.Text;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// The log scope (and activity tags) of one request: structured sinks enumerate its key/value pairs, and text
/// formatters such as the plain console one print <see cref="ToString"/>, <c>connect.request.id=PR-… connect.request.type=cancel …</c>.
/// </summary>
internal sealed class RequestLogScope(WorkItem item) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 5;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("connect.request.id", item.Id),
        1 => new("connect.request.type", item.Type),
        2 => new("connect.product.id", item.ProductId),
        3 => new(item.SubjectKey, item.SubjectId),
        4 => new("connect.environment", item.Environment),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The pairs with a value, as <c>key=value</c> separated by spaces.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in this)
        {
            if (value is string { Length: > 0 } shown)
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(key).Append('=').Append(shown);
            }
        }

        return text.ToString();
    }
}
