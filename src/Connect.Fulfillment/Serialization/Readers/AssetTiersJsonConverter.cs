using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads <see cref="AssetTiers"/>.</summary>
internal sealed class AssetTiersJsonConverter : ModelJsonConverter<AssetTiers, AssetTiersJsonConverter>, IModelReader<AssetTiers>
{
    public static AssetTiers? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(AssetTiers)))
        {
            return null;
        }

        TierAccount? customer = null, tier1 = null, tier2 = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("customer"u8))
                {
                    customer = TierAccountJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("tier1"u8))
                {
                    tier1 = TierAccountJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("tier2"u8))
                {
                    tier2 = TierAccountJsonConverter.ReadValue(ref reader);
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

        return new AssetTiers
        {
            Customer = customer,
            Tier1 = tier1,
            Tier2 = tier2,
        };
    }
}
