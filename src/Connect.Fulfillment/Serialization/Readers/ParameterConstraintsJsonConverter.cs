using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads <see cref="ParameterConstraints"/>, one per parameter.</summary>
internal sealed class ParameterConstraintsJsonConverter : ModelJsonConverter<ParameterConstraints, ParameterConstraintsJsonConverter>, IModelReader<ParameterConstraints>
{
    public static ParameterConstraints? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(ParameterConstraints)))
        {
            return null;
        }

        bool? required = null, hidden = null, readOnly = null, unique = null, reconciliation = null;
        string? placeholder = null, hint = null;
        int? minLength = null, maxLength = null;
        List<ParameterChoice>? choices = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("required"u8))
                {
                    required = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("hidden"u8))
                {
                    hidden = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("readonly"u8))
                {
                    readOnly = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("unique"u8))
                {
                    unique = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("reconciliation"u8))
                {
                    reconciliation = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("placeholder"u8))
                {
                    placeholder = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("hint"u8))
                {
                    hint = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("min_length"u8))
                {
                    minLength = ModelReader.Int32(ref reader);
                }
                else if (name.SequenceEqual("max_length"u8))
                {
                    maxLength = ModelReader.Int32(ref reader);
                }
                else if (name.SequenceEqual("choices"u8))
                {
                    choices = ModelReader.List<ParameterChoice, ParameterChoiceJsonConverter>(ref reader, nameof(ParameterChoice));
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

        return new ParameterConstraints
        {
            Required = required,
            Hidden = hidden,
            Readonly = readOnly,
            Unique = unique,
            Reconciliation = reconciliation,
            Placeholder = placeholder,
            Hint = hint,
            MinLength = minLength,
            MaxLength = maxLength,

            // A missing or null list becomes the empty list in the setter, as with the generated code.
            Choices = choices!,
        };
    }
}
