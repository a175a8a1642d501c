using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

/// <summary>The sandbox accepts the request bodies the OpenAPI description defines and echoes value_choices as seeded.</summary>
public class SpecBodiesTests : SandboxTestBase
{
    [Test]
    public async Task Pend_and_inquire_accept_no_body_and_no_content_type()
    {
        var request = Sandbox.Requests.Add(r => r.Status("inquiring"));
        var (status, _) = await PostRawAsync($"requests/{request}/pend", content: null);
        Assert.That(status, Is.EqualTo(200));
        Assert.That(Sandbox.GetRequestStatus(request), Is.EqualTo("pending"));

        var tcr = Sandbox.TierConfigRequests.Add(t => t.Parameter("reseller_id", valueError: "Required"));
        (status, _) = await PostRawAsync($"tier/config-requests/{tcr}/inquire", content: null);
        Assert.That(status, Is.EqualTo(204));
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("inquiring"));
        (status, _) = await PostRawAsync($"tier/config-requests/{tcr}/pend", content: null);
        Assert.That(status, Is.EqualTo(204));

        var entry = Sandbox.CallLog.Where("POST /tier/config-requests/*/inquire").Single();
        Assert.That(entry.RequestBody, Is.Null);
        Assert.That(entry.Headers.ContainsKey("Content-Type"), Is.False);
    }

    [Test]
    public async Task Pend_and_inquire_still_accept_an_empty_object()
    {
        var request = Sandbox.Requests.Add(r => r.Status("inquiring"));
        Assert.That((await PostAsync($"requests/{request}/pend", new { })).Status, Is.EqualTo(200));
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Parameter("reseller_id", valueError: "Required"));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/inquire", new { })).Status, Is.EqualTo(204));
    }

    [Test]
    public async Task Tier_config_update_accepts_the_spec_configuration_member()
    {
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Product("PRD-1").Parameter("reseller_id"));
        var before = Sandbox.GetTierConfigRequest(tcr)!["configuration"]!.DeepClone();
        var (status, body, _) = await PutAsync($"tier/config-requests/{tcr}", new
        {
            configuration = new { id = "TC-000-000-001" },
            @params = new[] { new { id = "reseller_id", value = "R-9" } },
            notes = "from the processor",
        });

        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["notes"]!, Is.EqualTo("from the processor"));
        Assert.That(Sandbox.GetTierConfigRequestParameterValue(tcr, "reseller_id"), Is.EqualTo("R-9"));
        Assert.That(JsonNode.DeepEquals(Sandbox.GetTierConfigRequest(tcr)!["configuration"], before), Is.True, "the configuration is Connect's: left as it was");
    }

    [Test]
    public async Task Value_choices_are_echoed_in_the_seeded_form()
    {
        var request = Sandbox.Requests.Add(r => r
            .Parameter("plan", type: "choice").ValueChoices("plan", ["basic", "pro"])
            .Parameter("region", type: "choice").ValueChoices("region", ["eu", "us"], ValueChoicesForm.Strings));
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Parameter("tier", type: "choice").ValueChoices("tier", ["gold"], ValueChoicesForm.Strings));

        var (_, body, _) = await GetAsync($"requests/{request}");
        var parameters = body!["asset"]!["params"]!.AsArray();
        Assert.That(parameters[0]!["value_choices"]!.ToJsonString(), Is.EqualTo("""[{"value":"basic","label":"basic"},{"value":"pro","label":"pro"}]"""));
        Assert.That(parameters[1]!["value_choices"]!.ToJsonString(), Is.EqualTo("""["eu","us"]"""));

        (_, body, _) = await GetAsync($"tier/config-requests?eq(id,{tcr})");
        Assert.That(body![0]!["params"]![0]!["value_choices"]!.ToJsonString(), Is.EqualTo("""["gold"]"""));

        Assert.Throws<ArgumentException>(() => Sandbox.Requests.Add(r => r.ValueChoices("missing", ["x"])));
    }

    private async Task<(int Status, JsonNode? Body)> PostRawAsync(string relative, HttpContent? content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, relative) { Content = content };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
