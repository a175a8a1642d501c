using System.Text.Json;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>The usage file view: every file a caller named in a call (upload, submit, read), as the sandbox holds it.</summary>
internal sealed partial class SandboxView
{
    private const string UsageFilesPath = "/usage/files/";

    /// <summary>Each usage file named by a call: id, status, the records that passed the checks, and the problems found.</summary>
    public void WriteUsageFiles(Utf8JsonWriter json)
    {
        var ids = sandbox.CallLog.Entries
            .Select(c => c.RelativePath)
            .Where(p => p.StartsWith(UsageFilesPath, StringComparison.Ordinal))
            .Select(p => p[UsageFilesPath.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        json.WriteStartArray();
        foreach (var id in ids)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("status", sandbox.UsageFiles.GetStatus(id));
            json.WriteString("external_id", (string?)sandbox.UsageFiles.Get(id)?["external_id"]);
            json.WriteNumber("records", sandbox.UsageFiles.GetRecords(id).Count);
            json.WriteStartArray("errors");
            foreach (var error in sandbox.UsageFiles.GetErrors(id))
            {
                json.WriteStringValue(error);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
