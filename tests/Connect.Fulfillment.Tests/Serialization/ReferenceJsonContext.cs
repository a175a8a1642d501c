using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>
/// The reference the hand-written readers are compared with: the source generator's own code for the models, with
/// the options and lenient converters of <c>ConnectJsonContext</c> and without the hand-written converters. It is
/// what the library used before the converters were added.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter), typeof(LenientDateTimeOffsetConverter)])]
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
[JsonSerializable(typeof(IReadOnlyList<Parameter>))]
internal sealed partial class ReferenceJsonContext : JsonSerializerContext;
