using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// The source-generated System.Text.Json context of every Connect model and wire body: snake_case, unknown fields
/// ignored, numbers accepted where strings are expected, string-backed values kept whatever their text. Users reach it
/// through <see cref="ConnectJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [
        typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter), typeof(LenientDateTimeOffsetConverter)])]
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
[JsonSerializable(typeof(ParameterChoice))]
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
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(UsageFile))]
[JsonSerializable(typeof(List<UsageFile>))]
[JsonSerializable(typeof(CreateUsageFileBody))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
