using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="TemplateReference"/>.</summary>
internal sealed class TemplateReferenceJsonConverter : ModelJsonConverter<TemplateReference, TemplateReferenceJsonConverter>, IModelReader<TemplateReference>
{
    public static TemplateReference? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(TemplateReference)))
        {
            return null;
        }

        string? id = null, displayName = null, representation = null;
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
                else if (name.SequenceEqual("representation"u8))
                {
                    representation = ModelReader.Text(ref reader);
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

        return new TemplateReference
        {
            Id = id,
            Name = displayName,
            Representation = representation,
        };
    }
}
