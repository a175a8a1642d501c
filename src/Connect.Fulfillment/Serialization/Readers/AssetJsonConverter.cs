using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads an <see cref="Asset"/>.</summary>
internal sealed class AssetJsonConverter : ModelJsonConverter<Asset, AssetJsonConverter>, IModelReader<Asset>
{
    public static Asset? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Asset)))
        {
            return null;
        }

        string? id = null, externalId = null, externalUid = null, externalName = null;
        AssetStatus status = default;
        Product? product = null;
        Connection? connection = null;
        List<Item>? items = null;
        List<Parameter>? parameters = null;
        AssetTiers? tiers = null;
        ParameterList? configuration = null;
        Reference? marketplace = null, contract = null;

        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("id"u8))
                {
                    id = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("status"u8))
                {
                    status = ModelReader.Value<AssetStatus>(ref reader);
                }
                else if (name.SequenceEqual("params"u8))
                {
                    parameters = ModelReader.List<Parameter, ParameterJsonConverter>(ref reader, nameof(Parameter));
                }
                else if (name.SequenceEqual("items"u8))
                {
                    items = ModelReader.List<Item, ItemJsonConverter>(ref reader, nameof(Item));
                }
                else if (name.SequenceEqual("external_id"u8))
                {
                    externalId = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("external_uid"u8))
                {
                    externalUid = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("external_name"u8))
                {
                    externalName = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("product"u8))
                {
                    product = ProductJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("connection"u8))
                {
                    connection = ConnectionJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("tiers"u8))
                {
                    tiers = AssetTiersJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("configuration"u8))
                {
                    configuration = ParameterListJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("marketplace"u8))
                {
                    marketplace = ReferenceJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("contract"u8))
                {
                    contract = ReferenceJsonConverter.ReadValue(ref reader);
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

        return new Asset
        {
            Id = id,
            Status = status,
            ExternalId = externalId,
            ExternalUid = externalUid,
            ExternalName = externalName,
            Product = product,
            Connection = connection,
            // A missing or null list becomes the empty list in the setter, as with the generated code.
            Items = items!,
            Params = parameters!,
            Tiers = tiers,
            Configuration = configuration,
            Marketplace = marketplace,
            Contract = contract,
        };
    }
}
