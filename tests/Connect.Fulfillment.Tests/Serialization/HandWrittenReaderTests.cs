// FsCheck supplies the arguments of [Property] tests; NUnit's analyzer does not know that.
#pragma warning disable NUnit1027

using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Benchmarks;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization;
using Connect.Fulfillment.Serialization.Readers;
using Connect.Fulfillment.Tests.Properties;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>
/// The hand-written readers of <c>ConnectJsonContext</c> against the generated code they replaced
/// (<see cref="ReferenceJsonContext"/>): the same object graph or the same <see cref="JsonException"/> for every
/// fixture, the benchmark pages, odd inputs and random JSON, and the same JSON when written back.
/// </summary>
public class HandWrittenReaderTests
{
    private static readonly Root[] Roots =
    [
        new Root<FulfillmentRequest>(ConnectJsonContext.Default.FulfillmentRequest, ReferenceJsonContext.Default.FulfillmentRequest),
        new Root<List<FulfillmentRequest>>(ConnectJsonContext.Default.ListFulfillmentRequest, ReferenceJsonContext.Default.ListFulfillmentRequest),
        new Root<Asset>(ConnectJsonContext.Default.Asset, ReferenceJsonContext.Default.Asset),
        new Root<List<Asset>>(ConnectJsonContext.Default.ListAsset, ReferenceJsonContext.Default.ListAsset),
        new Root<TierConfigRequest>(ConnectJsonContext.Default.TierConfigRequest, ReferenceJsonContext.Default.TierConfigRequest),
        new Root<List<TierConfigRequest>>(ConnectJsonContext.Default.ListTierConfigRequest, ReferenceJsonContext.Default.ListTierConfigRequest),
        new Root<ProductTemplate>(ConnectJsonContext.Default.ProductTemplate, ReferenceJsonContext.Default.ProductTemplate),
        new Root<List<ProductTemplate>>(ConnectJsonContext.Default.ListProductTemplate, ReferenceJsonContext.Default.ListProductTemplate),
        new Root<Conversation>(ConnectJsonContext.Default.Conversation, ReferenceJsonContext.Default.Conversation),
        new Root<List<Conversation>>(ConnectJsonContext.Default.ListConversation, ReferenceJsonContext.Default.ListConversation),
        new Root<ConversationMessage>(ConnectJsonContext.Default.ConversationMessage, ReferenceJsonContext.Default.ConversationMessage),
        new Root<IReadOnlyList<Parameter>>(ConnectJsonContext.Default.IReadOnlyListParameter, ReferenceJsonContext.Default.IReadOnlyListParameter),
    ];

    // Every fixture, read as every root model: most reads succeed, some fail (a list read as an object), and both
    // readers must agree on each.
    private static IEnumerable<string> FixtureNames()
        => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "connect"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(FixtureNames))]
    public void Every_fixture_reads_and_writes_as_with_the_generated_code_as_every_model(string fixture)
    {
        var json = Fixtures.Read(fixture);

        var read = Roots.Count(root => root.Compare(json));

        Assert.That(read, Is.GreaterThan(0), "the fixture reads as none of the models");
    }

    [TestCaseSource(nameof(FixtureNames))]
    public async Task Every_fixture_reads_from_a_stream_in_small_chunks_as_with_the_generated_code(string fixture)
    {
        // From a stream the serializer hands converters a reader that is not on the final block (where Skip throws).
        var chunked = new ConnectJsonContext(new JsonSerializerOptions(ConnectJson.Options) { DefaultBufferSize = 16 });
        var bytes = Encoding.UTF8.GetBytes(Fixtures.Read(fixture));

        foreach (var (actual, expected) in new (JsonTypeInfo, JsonTypeInfo)[]
        {
            (chunked.FulfillmentRequest, ReferenceJsonContext.Default.FulfillmentRequest),
            (chunked.ListFulfillmentRequest, ReferenceJsonContext.Default.ListFulfillmentRequest),
            (chunked.Asset, ReferenceJsonContext.Default.Asset),
            (chunked.TierConfigRequest, ReferenceJsonContext.Default.TierConfigRequest),
        })
        {
            var fromStream = await OutcomeAsync(() => JsonSerializer.DeserializeAsync(new MemoryStream(bytes), actual).AsTask());
            var reference = Outcome(() => JsonSerializer.Deserialize(bytes, expected));
            Assert.That(fromStream, Is.EqualTo(reference), $"{fixture} as {actual.Type.Name}");
        }
    }

    [TestCase("fixture")]
    [TestCase("large")]
    public void The_benchmark_pages_read_and_write_as_with_the_generated_code(string payload)
    {
        var json = Encoding.UTF8.GetString(payload == "fixture" ? BenchmarkData.FixturePage() : BenchmarkData.LargePage());
        var page = new Root<List<FulfillmentRequest>>(ConnectJsonContext.Default.ListFulfillmentRequest, ReferenceJsonContext.Default.ListFulfillmentRequest);

        Assert.That(page.Compare(json), Is.True);
        Assert.That(ConnectJson.DeserializeRequests(json).SelectMany(r => r.Asset!.Params), Is.Not.Empty);
    }

    [TestCase("""{"id":"a","id":"b","asset":{"items":[{"id":"1"}],"items":null,"params":[{"id":"x"}],"params":[{"id":"y","id":"z"}]}}""", TestName = "Duplicate properties")]
    [TestCase("""{"\u0069d":"escaped","as\u0073et":{"\u0070arams":[{"\u0069d":"p","val\u0075e":"v"}],"items":[{"mp\u006e":"m"}]}}""", TestName = "Escaped property names")]
    [TestCase("""{"ID":"x","Id":"y","Type":"purchase","ASSET":{"id":"AS-1"},"asset":{"Params":[{"id":"p"}],"ITEMS":[]}}""", TestName = "Property names in another case")]
    [TestCase("""{"type":null,"status":null,"note":null,"assignee":null,"template":null,"asset":{"status":null,"items":null,"params":[null,{"type":null,"phase":null,"value_choices":null,"constraints":null}],"connection":{"type":null},"tiers":{"customer":null,"tier1":{},"tier2":{"contact_info":null}},"configuration":{"params":null}}}""", TestName = "Nulls everywhere")]
    [TestCase("""{"id":12,"answered":1,"created":"2023-04-28 11:36:38.814429+00:00","updated":"never","asset":{"id":true,"params":[{"id":5.5,"constraints":{"min_length":"5","max_length":1e40,"required":"True","hidden":"0","readonly":"yes","unique":false,"choices":[{"default":"1","value":3}]}}],"items":[{"quantity":2.5,"old_quantity":"1"}]}}""", TestName = "Lenient scalars")]
    [TestCase("""{"asset":{"params":[{"structured_value":null},{"structured_value":"text"},{"structured_value":[1,{"a":null}]},{"structured_value":{"1":true}}],"tiers":{"customer":{"contact_info":{"address_line1":"x","contact":{"phone_number":{"country_code":"+1"}}}}}}}""", TestName = "Structured values and contact info")]
    [TestCase("""{"environment":"test","product_id":"PRD-1","asset":{"items":[{"quantity_value":5,"old_quantity_value":"1"}],"params":[{"is_secret":true}]}}""", TestName = "Computed properties are not read")]
    [TestCase("""{"events":{"created":{"at":"x","by":{"id":"UR-1"}}},"x":[{"y":[[[]],{}]}],"asset":{"events":[1,[2,[3]]],"connection":{"hub":{"id":"HB-1","extra":{"a":[]}}}},"id":"PR-1"}""", TestName = "Unknown properties of every kind are skipped")]
    [TestCase("""{"asset":"AS-1"}""", TestName = "Asset as a string")]
    [TestCase("""{"asset":[]}""", TestName = "Asset as an array")]
    [TestCase("""{"asset":{"items":{}}}""", TestName = "Items as an object")]
    [TestCase("""{"asset":{"params":[1]}}""", TestName = "A parameter as a number")]
    [TestCase("""{"asset":{"params":[[]]}}""", TestName = "A parameter as an array")]
    [TestCase("""{"template":5}""", TestName = "Template as a number")]
    [TestCase("""{"asset":{"tiers":{"customer":"TA-1"}}}""", TestName = "Tier account as a string")]
    [TestCase("""{"asset":{"params":[{"constraints":{"choices":"a"}}]}}""", TestName = "Choices as a string")]
    [TestCase("""{"asset":{"connection":{"vendor":true}}}""", TestName = "Vendor as a boolean")]
    [TestCase("""{"id":"\uD800","asset":{"id":"AS-1"}}""", TestName = "A lone surrogate in a value")]
    [TestCase("""{"asset":{"\uD800id":"AS-1"}}""", TestName = "A lone surrogate in an escaped property name")]
    [TestCase("""{"asset":{"params":[{"constraints":{"meta":{"\uD800":[1]}}}]}}""", TestName = "A lone surrogate in a skipped property name")]
    [TestCase("""{"id":"a" """, TestName = "Cut short")]
    [TestCase("""{"asset":{"params":[{"id":"a"}""", TestName = "Cut short in a list")]
    [TestCase("""[]""", TestName = "An array")]
    [TestCase("""5""", TestName = "A number")]
    [TestCase("""null""", TestName = "Null")]
    public void Odd_inputs_read_as_with_the_generated_code(string json)
    {
        foreach (var root in Roots.Take(4))
        {
            root.Compare(json);
            root.Compare("[" + json + "]");
        }
    }

    [FsCheckProperty(MaxTest = 300)]
    public void Random_request_json_reads_and_writes_as_with_the_generated_code(int[] kinds, string[] texts)
    {
        var picker = new Picker(kinds, texts);
        var request = RandomModelJson.Request(picker).ToJsonString();
        var asset = RandomModelJson.Request(picker)["asset"]?.ToJsonString() ?? "{}";

        Roots[0].Compare(request);
        Roots[1].Compare($"[{request},{request}]");
        Roots[2].Compare(asset);
        Roots[4].Compare(asset);
    }

    [Test]
    public void Every_settable_property_of_a_hand_read_model_is_read()
    {
        var models = typeof(ConnectJson).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, BaseType.IsGenericType: true } && t.BaseType.GetGenericTypeDefinition() == typeof(ModelJsonConverter<,>))
            .Select(t => t.BaseType!.GetGenericArguments()[0])
            .ToList();
        Assert.That(models, Is.SupersetOf(new[] { typeof(FulfillmentRequest), typeof(Asset), typeof(Parameter), typeof(Item) }));

        foreach (var model in models)
        {
            var settable = model.GetProperties().Where(p => p.SetMethod is { IsPublic: true }).ToList();
            var json = new JsonObject();
            foreach (var property in settable)
            {
                json[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] = Sample(property.PropertyType);
            }

            var text = json.ToJsonString();
            var actual = JsonSerializer.Deserialize(text, ConnectJson.Options.GetTypeInfo(model))!;
            var expected = JsonSerializer.Deserialize(text, ReferenceJsonContext.Default.GetTypeInfo(model)!)!;

            Assert.Multiple(() =>
            {
                foreach (var property in settable)
                {
                    Assert.That(IsSet(property.GetValue(expected)), Is.True, $"{model.Name}.{property.Name} is not read by the generated code from {text}");
                    Assert.That(IsSet(property.GetValue(actual)), Is.True, $"{model.Name}.{property.Name} is not read by its hand-written reader from {text}");
                }

                Assert.That(ModelGraph.Canonical(actual), Is.EqualTo(ModelGraph.Canonical(expected)), model.Name);
            });
        }
    }

    private static JsonNode? Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || IsStringValue(type))
        {
            return "sample";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 7;
        }

        if (type == typeof(DateTimeOffset))
        {
            return "2024-05-01T10:00:00+00:00";
        }

        if (type == typeof(JsonElement))
        {
            return new JsonObject { ["sample"] = 1 };
        }

        if (type == typeof(Assignee))
        {
            return "UR-1";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new JsonArray(new JsonObject());
        }

        if (type.IsClass && type.Namespace == typeof(FulfillmentRequest).Namespace)
        {
            return new JsonObject();
        }

        throw new InvalidOperationException($"No sample JSON for a property of type {type}: add one here.");
    }

    private static bool IsSet(object? value) => value switch
    {
        null => false,
        string text => text.Length > 0,
        bool flag => flag,
        int number => number == 7,
        DateTimeOffset timestamp => timestamp != default,
        JsonElement element => element.ValueKind == JsonValueKind.Object,
        IEnumerable list => list.Cast<object?>().Any(),
        _ when IsStringValue(value.GetType()) => !string.IsNullOrEmpty(value.ToString()),
        _ => true,
    };

    private static bool IsStringValue(Type type)
        => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStringValue<>));

    private static string Outcome(Func<object?> read)
    {
        try
        {
            return ModelGraph.Canonical(read());
        }
        catch (JsonException)
        {
            return nameof(JsonException);
        }
    }

    private static async Task<string> OutcomeAsync(Func<Task<object?>> read)
    {
        try
        {
            return ModelGraph.Canonical(await read());
        }
        catch (JsonException)
        {
            return nameof(JsonException);
        }
    }

    private abstract class Root
    {
        /// <summary>Reads with both readers; asserts the same graph (and the same JSON written back) or the same failure.</summary>
        /// <returns>Whether the JSON was read.</returns>
        public abstract bool Compare(string json);
    }

    private sealed class Root<T>(JsonTypeInfo<T> actual, JsonTypeInfo<T> reference) : Root
    {
        public override bool Compare(string json)
        {
            var read = Outcome(() => JsonSerializer.Deserialize(json, actual));
            var expected = Outcome(() => JsonSerializer.Deserialize(json, reference));
            Assert.That(read, Is.EqualTo(expected), $"{typeof(T).Name} from {json}");
            if (read == nameof(JsonException))
            {
                return false;
            }

            var written = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, actual)!, actual);
            var writtenBefore = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, reference)!, reference);
            Assert.That(written, Is.EqualTo(writtenBefore), $"{typeof(T).Name} written back from {json}");
            return true;
        }
    }
}
