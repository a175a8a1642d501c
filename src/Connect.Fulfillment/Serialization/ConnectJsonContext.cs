using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Readers;

namespace Connect.Fulfillment.Serialization;

/// <summary>
/// The source-generated System.Text.Json context of every Connect model and wire body: snake_case, unknown fields
/// ignored, numbers accepted where strings are expected. Exposed to users through <see cref="ConnectJson"/>.
/// </summary>
/// <remarks>
/// A request and the models it contains are read by hand-written converters (<c>Serialization/Readers</c>): the models
/// are records with <c>init</c> accessors, for which the generated code takes its slower constructor path. The
/// converters read the same members with the same lenient conversions, and write through the generated metadata of
/// <see cref="GeneratedModelJsonContext"/>. See docs/performance.md, "Typed deserialisation".
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [
        typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter), typeof(LenientDateTimeOffsetConverter),
        typeof(FulfillmentRequestJsonConverter), typeof(AssetJsonConverter), typeof(ItemJsonConverter), typeof(ParameterJsonConverter),
        typeof(ParameterChoiceJsonConverter), typeof(ParameterConstraintsJsonConverter), typeof(ParameterListJsonConverter),
        typeof(ProductJsonConverter), typeof(ConnectionJsonConverter), typeof(ReferenceJsonConverter), typeof(AssetTiersJsonConverter),
        typeof(TierAccountJsonConverter), typeof(TemplateReferenceJsonConverter)])]
[JsonSerializable(typeof(FulfillmentRequest))]
[JsonSerializable(typeof(List<FulfillmentRequest>))]
[JsonSerializable(typeof(TierConfigRequest))]
[JsonSerializable(typeof(List<TierConfigRequest>))]
[JsonSerializable(typeof(Asset))]
[JsonSerializable(typeof(List<Asset>))]
[JsonSerializable(typeof(ProductTemplate))]
[JsonSerializable(typeof(List<ProductTemplate>))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(List<Conversation>))]
[JsonSerializable(typeof(ConversationMessage))]
[JsonSerializable(typeof(UpdateRequestParametersBody))]
[JsonSerializable(typeof(UpdateTierConfigParametersBody))]
[JsonSerializable(typeof(ApproveBody))]
[JsonSerializable(typeof(ReasonBody))]
[JsonSerializable(typeof(TemplateIdBody))]
[JsonSerializable(typeof(PlannedDateBody))]
[JsonSerializable(typeof(AssignBody))]
[JsonSerializable(typeof(TierApproveBody))]
[JsonSerializable(typeof(TierApproveResult))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(ConnectErrorBody))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
