// FsCheck supplies the arguments of [Property] tests; NUnit's analyzer does not know that.
#pragma warning disable NUnit1027

using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Serialization;
using FsCheck;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace Connect.Fulfillment.Tests.Properties;

/// <summary>
/// Random JSON in the shape of a request — every known field given a value of a random JSON kind, nulls included —
/// either reads into a model or fails with the documented <see cref="JsonException"/>; nothing else escapes.
/// </summary>
public class ModelParsingProperties
{
    private static readonly string[] RequestFields = ["id", "type", "status", "note", "reason", "created", "updated", "effective_date", "planned_date", "answered", "assignee", "activation_key", "template", "marketplace", "contract", "asset", "unknown_field"];
    private static readonly string[] AssetFields = ["id", "status", "external_id", "product", "connection", "items", "params", "tiers", "configuration", "marketplace"];
    private static readonly string[] ParameterFields = ["id", "name", "type", "phase", "value", "value_error", "structured_value", "value_choices", "constraints"];

    [FsCheckProperty(MaxTest = 400)]
    public bool Random_request_json_reads_or_fails_with_JsonException(int[] kinds, string[] texts)
    {
        var picker = new Picker(kinds, texts);
        var request = Fill(RequestFields, picker);
        var asset = Fill(AssetFields, picker);
        asset["params"] = new JsonArray(Fill(ParameterFields, picker), Fill(ParameterFields, picker));
        if (picker.Next(3) > 0)
        {
            request["asset"] = asset;
        }

        try
        {
            var parsed = ConnectJson.DeserializeRequest(request.ToJsonString());
            _ = parsed.ToString();
            _ = parsed.Asset?.Params.Select(p => p.ToString()).ToList();
            return true;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static JsonObject Fill(string[] fields, Picker picker)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            if (picker.Next(4) > 0)
            {
                json[field] = picker.Value();
            }
        }

        return json;
    }

    /// <summary>Turns FsCheck's random arrays into a deterministic stream of choices.</summary>
    private sealed class Picker(int[] kinds, string[] texts)
    {
        private int kindIndex;
        private int textIndex;

        public int Next(int bound) => kinds.Length == 0 ? 0 : (int)((uint)kinds[kindIndex++ % kinds.Length] % (uint)bound);

        public JsonNode? Value() => Next(9) switch
        {
            0 => null,
            1 => JsonValue.Create(Text()),
            2 => JsonValue.Create(Next(int.MaxValue) - 1000),
            3 => JsonValue.Create(Next(2) == 0),
            4 => JsonValue.Create(Next(1000) / 7.0),
            5 => new JsonObject { ["id"] = Text(), ["name"] = Text() },
            6 => new JsonArray(JsonValue.Create(Text()), JsonValue.Create(Next(10))),
            7 => new JsonObject(),
            _ => JsonValue.Create("2024-05-01T10:00:00+00:00"),
        };

        private string? Text() => texts.Length == 0 ? string.Empty : texts[textIndex++ % texts.Length] ?? string.Empty;
    }
}
