// FsCheck supplies the arguments of [Property] tests; NUnit's analyzer does not know that.
#pragma warning disable NUnit1027

using System.Text.Json;
using Connect.Fulfillment.Models;
using FsCheck;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace Connect.Fulfillment.Tests.Properties;

/// <summary>
/// Random JSON in the shape of a request (<see cref="RandomModelJson"/>: every known field left out, given a value of a
/// random JSON kind, nulls included, or given a random model of its shape)
/// either reads into a model or fails with the documented <see cref="JsonException"/>; nothing else escapes.
/// </summary>
public class ModelParsingProperties
{
    [FsCheckProperty(MaxTest = 400)]
    public bool Random_request_json_reads_or_fails_with_JsonException(int[] kinds, string[] texts)
    {
        var request = RandomModelJson.Request(new Picker(kinds, texts));

        try
        {
            var parsed = ConnectJson.DeserializeRequest(request.ToJsonString());
            _ = parsed.ToString();
            _ = parsed.Asset?.Parameters.Select(p => p?.ToString()).ToList();
            return true;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
