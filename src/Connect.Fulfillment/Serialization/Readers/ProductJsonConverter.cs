using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="Product"/>.</summary>
internal sealed class ProductJsonConverter : ModelJsonConverter<Product, ProductJsonConverter>, IModelReader<Product>
{
    public static Product? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Product)))
        {
            return null;
        }

        string? id = null, displayName = null, icon = null, status = null;
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
                else if (name.SequenceEqual("icon"u8))
                {
                    icon = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("status"u8))
                {
                    status = ModelReader.Text(ref reader);
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

        return new Product
        {
            Id = id,
            Name = displayName,
            Icon = icon,
            Status = status,
        };
    }
}
