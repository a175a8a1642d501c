using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads an <see cref="Item"/>.</summary>
internal sealed class ItemJsonConverter : ModelJsonConverter<Item, ItemJsonConverter>, IModelReader<Item>
{
    public static Item? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(Item)))
        {
            return null;
        }

        string? id = null, globalId = null, mpn = null, displayName = null, quantity = null, oldQuantity = null, type = null, period = null, itemType = null;
        scoped ReadOnlySpan<byte> name = default;
        try
        {
            while (ModelReader.NextProperty(ref reader, out name))
            {
                if (name.SequenceEqual("id"u8))
                {
                    id = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("global_id"u8))
                {
                    globalId = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("mpn"u8))
                {
                    mpn = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("display_name"u8))
                {
                    displayName = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("quantity"u8))
                {
                    quantity = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("old_quantity"u8))
                {
                    oldQuantity = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("type"u8))
                {
                    type = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("period"u8))
                {
                    period = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("item_type"u8))
                {
                    itemType = ModelReader.Text(ref reader);
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

        return new Item
        {
            Id = id,
            GlobalId = globalId,
            Mpn = mpn,
            DisplayName = displayName,
            Quantity = quantity,
            OldQuantity = oldQuantity,
            Type = type,
            Period = period,
            ItemType = itemType,
        };
    }
}
