using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>
/// The library's JSON options and lenient converters without its hand-written model readers: what the source
/// generator's own code costs on the same page, measured in the same run for comparison.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter), typeof(LenientDateTimeOffsetConverter)])]
[JsonSerializable(typeof(List<FulfillmentRequest>))]
internal sealed partial class GeneratedCodeJsonContext : JsonSerializerContext;
