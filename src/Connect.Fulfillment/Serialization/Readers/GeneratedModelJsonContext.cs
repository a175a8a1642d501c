using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>
/// The source generator's metadata for the models that <see cref="ConnectJsonContext"/> reads by hand, with the same
/// options and without the hand-written converters. Only used to write those models, so that
/// <see cref="ConnectJson.Serialize"/> and every other writer produce the JSON they always did.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter), typeof(LenientDateTimeOffsetConverter)])]
[JsonSerializable(typeof(FulfillmentRequest))]
[JsonSerializable(typeof(Asset))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Parameter))]
[JsonSerializable(typeof(ParameterChoice))]
[JsonSerializable(typeof(ParameterConstraints))]
[JsonSerializable(typeof(ParameterList))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(Connection))]
[JsonSerializable(typeof(Reference))]
[JsonSerializable(typeof(AssetTiers))]
[JsonSerializable(typeof(TierAccount))]
[JsonSerializable(typeof(TemplateReference))]
internal sealed partial class GeneratedModelJsonContext : JsonSerializerContext;
