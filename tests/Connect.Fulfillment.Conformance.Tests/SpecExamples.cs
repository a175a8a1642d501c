using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>The response examples the spec gives for the operations the client uses, as JSON text.</summary>
internal static class SpecExamples
{
    /// <summary>"method path" of each operation the client uses → the payload kind <see cref="PayloadTests.ReadAsync"/> reads.</summary>
    public static IReadOnlyDictionary<string, string> UsedOperations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["get /requests"] = "requests_list",
        ["get /requests/{id}"] = "request_",
        ["put /requests/{id}"] = "request_",
        ["post /requests/{id}/approve"] = "request_",
        ["post /requests/{id}/fail"] = "request_",
        ["post /requests/{id}/inquire"] = "request_",
        ["post /requests/{id}/pend"] = "request_",
        ["post /requests/{id}/schedule"] = "request_",
        ["get /tier/config-requests"] = "tier_config_requests_list",
        ["get /tier/config-requests/{id}"] = "tier_config_request_",
        ["put /tier/config-requests/{id}"] = "tier_config_request_",
        ["get /assets/{id}"] = "asset_",
        ["get /conversations"] = "conversations_list",
        ["post /conversations/{conversation_id}/messages"] = "conversation_message",
        ["get /products/{product_product_id}/templates"] = "product_templates_list",
    };

    private static readonly Lazy<YamlMappingNode> Spec = new(Load);

    public static IEnumerable<(string Operation, string Name, string Json)> ForOperations(IEnumerable<string> operations)
    {
        var paths = (YamlMappingNode)Spec.Value["paths"];
        foreach (var operation in operations)
        {
            var (method, path) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            if (Child(Child(paths, path), method) is not YamlMappingNode op || Child(op, "responses") is not YamlMappingNode responses)
            {
                throw new InvalidOperationException($"The spec has no operation {operation}.");
            }

            foreach (var (code, response) in responses.Children)
            {
                if (!((YamlScalarNode)code).Value!.StartsWith('2') || Child(Resolve(response), "content") is not YamlMappingNode content
                    || Child(content, "application/json") is not YamlMappingNode media)
                {
                    continue;
                }

                if (Child(media, "example") is { } example)
                {
                    yield return (operation, "example", ToJson(example));
                }

                if (Child(media, "examples") is YamlMappingNode named)
                {
                    foreach (var (name, value) in named.Children)
                    {
                        if (Child(Resolve(value), "value") is { } body)
                        {
                            yield return (operation, ((YamlScalarNode)name).Value!, ToJson(body));
                        }
                    }
                }
            }
        }
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Prism.SpecPath);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Child(YamlNode? node, string key)
        => node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlNode Resolve(YamlNode node)
    {
        while (Child(node, "$ref") is YamlScalarNode reference)
        {
            YamlNode target = Spec.Value;
            foreach (var part in reference.Value!.TrimStart('#', '/').Split('/'))
            {
                target = Child(target, part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"Unresolved $ref {reference.Value}.");
            }

            node = target;
        }

        return node;
    }

    private static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value!);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.Plain)
        {
            switch (text)
            {
                case "null" or "~" or "":
                    writer.WriteNullValue();
                    return;
                case "true" or "false":
                    writer.WriteBooleanValue(text == "true");
                    return;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                writer.WriteNumberValue(integer);
                return;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                writer.WriteNumberValue(number);
                return;
            }
        }

        writer.WriteStringValue(text);
    }
}
