using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="TierAccount"/>.</summary>
internal sealed class TierAccountJsonConverter : ModelJsonConverter<TierAccount, TierAccountJsonConverter>, IModelReader<TierAccount>
{
    public static TierAccount? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(TierAccount)))
        {
            return null;
        }

        string? id = null, displayName = null, externalId = null, externalUid = null;
        JsonElement? contactInfo = null;
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
                else if (name.SequenceEqual("external_id"u8))
                {
                    externalId = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("external_uid"u8))
                {
                    externalUid = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("contact_info"u8))
                {
                    contactInfo = ModelReader.Element(ref reader);
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

        return new TierAccount
        {
            Id = id,
            Name = displayName,
            ExternalId = externalId,
            ExternalUid = externalUid,
            ContactInfo = contactInfo,
        };
    }
}
