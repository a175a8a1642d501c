using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="ParameterChoice"/>.</summary>
internal sealed class ParameterChoiceJsonConverter : ModelJsonConverter<ParameterChoice, ParameterChoiceJsonConverter>, IModelReader<ParameterChoice>
{
    public static ParameterChoice? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(ParameterChoice)))
        {
            return null;
        }

        string? value = null, label = null;
        bool? isDefault = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("value"u8))
                {
                    value = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("label"u8))
                {
                    label = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("default"u8))
                {
                    isDefault = ModelReader.Boolean(ref reader);
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

        return new ParameterChoice
        {
            Value = value,
            Label = label,
            Default = isDefault,
        };
    }
}
