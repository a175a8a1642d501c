using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="Parameter"/>.</summary>
internal sealed class ParameterJsonConverter : ModelJsonConverter<Parameter, ParameterJsonConverter>, IModelReader<Parameter>
{
    public static Parameter? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Parameter)))
        {
            return null;
        }

        string? id = null, name = null, scope = null, title = null, description = null, value = null, valueError = null;
        ParameterType type = default;
        ParameterPhase phase = default;
        JsonElement? structuredValue = null;
        List<ParameterChoice>? valueChoices = null;
        ParameterConstraints? constraints = null;

        scoped ReadOnlySpan<byte> property = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out property))
            {
                if (property.SequenceEqual("id"u8))
                {
                    id = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("name"u8))
                {
                    name = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("type"u8))
                {
                    type = ModelReader.Value<ParameterType>(ref reader);
                }
                else if (property.SequenceEqual("phase"u8))
                {
                    phase = ModelReader.Value<ParameterPhase>(ref reader);
                }
                else if (property.SequenceEqual("value"u8))
                {
                    value = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("value_error"u8))
                {
                    valueError = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("title"u8))
                {
                    title = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("description"u8))
                {
                    description = ModelReader.Text(ref reader);
                }
                else if (property.SequenceEqual("constraints"u8))
                {
                    constraints = ParameterConstraintsJsonConverter.ReadValue(ref reader);
                }
                else if (property.SequenceEqual("structured_value"u8))
                {
                    structuredValue = ModelReader.Element(ref reader);
                }
                else if (property.SequenceEqual("value_choices"u8))
                {
                    valueChoices = ModelReader.List<ParameterChoice, ParameterChoiceJsonConverter>(ref reader, nameof(ParameterChoice));
                }
                else if (property.SequenceEqual("scope"u8))
                {
                    scope = ModelReader.Text(ref reader);
                }
                else
                {
                    ModelReader.Skip(ref reader);
                }
            }
        }
        catch (JsonException ex)
        {
            throw ModelReader.AtProperty(ex, property);
        }

        return new Parameter
        {
            Id = id,
            Name = name,
            Type = type,
            Phase = phase,
            Scope = scope,
            Title = title,
            Description = description,
            Value = value,
            ValueError = valueError,
            StructuredValue = structuredValue,

            // A missing or null list becomes the empty list in the setter, as with the generated code.
            ValueChoices = valueChoices!,
            Constraints = constraints,
        };
    }
}
