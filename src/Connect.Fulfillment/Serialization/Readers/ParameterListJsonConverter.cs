using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="ParameterList"/> (<c>asset.configuration</c>).</summary>
internal sealed class ParameterListJsonConverter : ModelJsonConverter<ParameterList, ParameterListJsonConverter>, IModelReader<ParameterList>
{
    public static ParameterList? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(ParameterList)))
        {
            return null;
        }

        List<Parameter>? parameters = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("params"u8))
                {
                    parameters = ModelReader.List<Parameter, ParameterJsonConverter>(ref reader, nameof(Parameter));
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

        return new ParameterList
        {
            // A missing or null list becomes the empty list in the setter, as with the generated code.
            Params = parameters!,
        };
    }
}
