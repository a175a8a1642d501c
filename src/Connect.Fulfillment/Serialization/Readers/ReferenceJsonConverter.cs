using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="Reference"/> (marketplace, contract, hub, …).</summary>
internal sealed class ReferenceJsonConverter : ModelJsonConverter<Reference, ReferenceJsonConverter>, IModelReader<Reference>
{
    public static Reference? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Reference)))
        {
            return null;
        }

        string? id = null, displayName = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("id"u8))
                {
                    id = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("name"u8))
                {
                    displayName = ModelReader.Text(ref reader);
                }
                else
                {
                    ModelReader.Skip(ref reader);
                }
            }
        }
        catch (JsonException ex)
        {
            throw ModelReader.AtProperty(ex, name);
        }

        return new Reference
        {
            Id = id,
            Name = displayName,
        };
    }
}
