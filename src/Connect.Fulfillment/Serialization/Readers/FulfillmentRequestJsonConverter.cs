using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>Reads a <see cref="FulfillmentRequest"/>; the asset, its parameters and items are read by hand too.</summary>
internal sealed class FulfillmentRequestJsonConverter : ModelJsonConverter<FulfillmentRequest, FulfillmentRequestJsonConverter>, IModelReader<FulfillmentRequest>
{
    public static FulfillmentRequest? ReadValue(ref Utf8JsonReader reader)
    {
        if (!ModelReader.StartObject(ref reader, nameof(FulfillmentRequest)))
        {
            return null;
        }

        string? id = null, note = null, reason = null, activationKey = null;
        RequestType type = default;
        RequestStatus status = default;
        DateTimeOffset? created = null, updated = null, effectiveDate = null, plannedDate = null;
        bool? answered = null;
        Assignee? assignee = null;
        TemplateReference? template = null;
        Reference? previousApprovedRequest = null, marketplace = null, contract = null;
        Asset? asset = null;

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
                    type = ModelReader.Value<RequestType>(ref reader);
                }
                else if (name.SequenceEqual("status"u8))
                {
                    status = ModelReader.Value<RequestStatus>(ref reader);
                }
                else if (name.SequenceEqual("asset"u8))
                {
                    asset = AssetJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("note"u8))
                {
                    note = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("reason"u8))
                {
                    reason = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("created"u8))
                {
                    created = ModelReader.Timestamp(ref reader);
                }
                else if (name.SequenceEqual("updated"u8))
                {
                    updated = ModelReader.Timestamp(ref reader);
                }
                else if (name.SequenceEqual("effective_date"u8))
                {
                    effectiveDate = ModelReader.Timestamp(ref reader);
                }
                else if (name.SequenceEqual("planned_date"u8))
                {
                    plannedDate = ModelReader.Timestamp(ref reader);
                }
                else if (name.SequenceEqual("answered"u8))
                {
                    answered = ModelReader.Boolean(ref reader);
                }
                else if (name.SequenceEqual("assignee"u8))
                {
                    assignee = AssigneeJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("activation_key"u8))
                {
                    activationKey = ModelReader.Text(ref reader);
                }
                else if (name.SequenceEqual("template"u8))
                {
                    template = TemplateReferenceJsonConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("previous_approved_request"u8))
                {
                    previousApprovedRequest = ReferenceJsonConverter.ReadValue(ref reader);
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

        return new FulfillmentRequest
        {
            Id = id,
            Type = type,
            Status = status,
            Note = note,
            Reason = reason,
            Created = created,
            Updated = updated,
            EffectiveDate = effectiveDate,
            PlannedDate = plannedDate,
            Answered = answered,
            Assignee = assignee,
            ActivationKey = activationKey,
            Template = template,
            PreviousApprovedRequest = previousApprovedRequest,
            Marketplace = marketplace,
            Contract = contract,
            Asset = asset,
        };
    }
}
