using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="Connection"/>.</summary>
internal sealed class ConnectionJsonConverter : ModelJsonConverter<Connection, ConnectionJsonConverter>, IModelReader<Connection>
{
    public static Connection? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Connection)))
        {
            return null;
        }

        string? id = null;
        ConnectionType type = default;
        Reference? provider = null, vendor = null, hub = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("id"u8))
                {
                    id = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("type"u8))
                {
                    type = ModelReader.Value<ConnectionType>(ref reader);
                }
                else if (name.SequenceEqual("provider"u8))
                {
                    provider = ReferenceJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("vendor"u8))
                {
                    vendor = ReferenceJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("hub"u8))
                {
                    hub = ReferenceJsonConverter.ReadValue(ref reader);
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

        return new Connection
        {
            Id = id,
            Type = type,
            Provider = provider,
            Vendor = vendor,
            Hub = hub,
        };
    }
}
