using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class QueryTests : SandboxTestBase
{
    protected override ConnectSandboxOptions Options => new() { MaxPageSize = 10 };

    [Test]
    public async Task Missing_or_wrong_key_is_401_AUTH_001()
    {
        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(Sandbox.BaseUrl + "/requests");
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(ErrorCode(body), Is.EqualTo("AUTH_001"));
        Assert.That((string)body["errors"]![0]!, Is.EqualTo("API request is unauthorized."));

        anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey SU-000-000-000:wrong");
        Assert.That((int)(await anonymous.GetAsync(Sandbox.BaseUrl + "/requests")).StatusCode, Is.EqualTo(401));
        Assert.That(Sandbox.CallLog.Entries.All(e => !e.AuthorizationValid), Is.True);
    }

    [Test]
    public async Task Key_is_accepted_without_the_ApiKey_prefix()
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Sandbox.ApiKey["ApiKey ".Length..]);
        Assert.That((int)(await client.GetAsync(Sandbox.BaseUrl + "/requests")).StatusCode, Is.EqualTo(200));
        Assert.That(Sandbox.ApiKey, Does.StartWith("ApiKey SU-000-000-000:sandbox"));
    }

    [Test]
    public async Task Configured_key_is_used()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { ApiKey = "SU-1:abc" });
        Assert.That(sandbox.ApiKey, Is.EqualTo("ApiKey SU-1:abc"));
        Assert.That(sandbox.BaseUrl.ToString(), Does.StartWith("http://127.0.0.1:").And.EndWith("/public/v1"));
    }

    [Test]
    public async Task Paging_honours_limit_offset_cap_and_content_range()
    {
        var ids = Sandbox.SeedRequests(25);

        var (status, body, response) = await GetAsync("requests?limit=5&offset=5");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(ids.Skip(5).Take(5)));
        Assert.That(ContentRange(response), Is.EqualTo("items 5-9/25"));

        (_, body, response) = await GetAsync("requests?limit=100&offset=0");
        Assert.That(body!.AsArray(), Has.Count.EqualTo(10), "server cap");
        Assert.That(ContentRange(response), Is.EqualTo("items 0-9/25"));

        (_, body, response) = await GetAsync("requests?limit=0");
        Assert.That(body!.AsArray(), Is.Empty);
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/25"));

        (_, body, response) = await GetAsync("requests?limit=10&offset=100");
        Assert.That(body!.AsArray(), Is.Empty);
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/25"));

        (_, body, response) = await GetAsync("requests?limit=10&offset=20");
        Assert.That(ContentRange(response), Is.EqualTo("items 20-24/25"));
    }

    [Test]
    public async Task Empty_collection_reports_zero_total()
    {
        var (_, body, response) = await GetAsync("requests");
        Assert.That(body!.AsArray(), Is.Empty);
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/0"));
    }

    [Test]
    public async Task Processor_filter_in_and_form_selects_pending_preview_requests_of_the_product()
    {
        var wanted = Sandbox.Requests.Add(r => r.Product("PRD-1").Environment("preview").Status("pending"));
        Sandbox.Requests.Add(r => r.Product("PRD-1").Environment("test").Status("pending"));
        Sandbox.Requests.Add(r => r.Product("PRD-2").Environment("preview").Status("pending"));
        Sandbox.Requests.Add(r => r.Product("PRD-1").Environment("preview").Status("approved"));

        var (status, body, response) = await GetAsync("requests?and(in(asset.product.id,(PRD-1)),in(asset.connection.type,(preview)),in(status,(pending)))&limit=100&offset=0");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(new[] { wanted }));
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/1"));
    }

    [Test]
    public async Task Plain_key_value_params_and_flat_rql_are_anded()
    {
        var cancel = Sandbox.Requests.Add(r => r.Type("cancel"));
        Sandbox.Requests.Add(r => r.Type("purchase"));
        Sandbox.Requests.Add(r => r.Type("cancel").Status("failed"));

        var (_, body, _) = await GetAsync("requests?status=pending&type=cancel");
        Assert.That(body!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(new[] { cancel }));

        (_, body, _) = await GetAsync("requests?eq(type,cancel)&ne(status,failed)&select(-asset.items)&ordering(-created)");
        Assert.That(body!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(new[] { cancel }));

        (_, body, _) = await GetAsync("requests?status=eq=pending&type=in=(cancel,change)");
        Assert.That(body, Is.InstanceOf<JsonArray>(), body?.ToJsonString());
        Assert.That(body!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(new[] { cancel }));
    }

    [Test]
    public async Task Or_not_out_like_and_ilike_work()
    {
        var a = Sandbox.Requests.Add(r => r.Type("cancel").Product("PRD-111-222"));
        var b = Sandbox.Requests.Add(r => r.Type("suspend").Product("PRD-333-444"));
        var c = Sandbox.Requests.Add(r => r.Type("purchase").Product("PRD-111-999"));

        async Task<string[]> Ids(string q) => (await GetAsync("requests?" + q)).Body!.AsArray().Select(r => (string)r!["id"]!).ToArray();

        Assert.That(await Ids("or(eq(type,cancel),eq(type,suspend))"), Is.EqualTo(new[] { a, b }));
        Assert.That(await Ids("not(eq(type,cancel))"), Is.EqualTo(new[] { b, c }));
        Assert.That(await Ids("out(type,(cancel,suspend))"), Is.EqualTo(new[] { c }));
        Assert.That(await Ids("like(asset.product.id,PRD-111*)"), Is.EqualTo(new[] { a, c }));
        Assert.That(await Ids("ilike(asset.product.id,*-444)"), Is.EqualTo(new[] { b }));
        Assert.That(await Ids("like(asset.product.id,prd-111*)"), Is.Empty);
        Assert.That(await Ids("ilike(asset.product.id,prd-111*)"), Is.EqualTo(new[] { a, c }));
        Assert.That(await Ids("eq(asset.params.id,nothing)"), Is.Empty);
    }

    [Test]
    public async Task Quoted_and_percent_encoded_values_are_literal()
    {
        Sandbox.Products.Add("PRD-Q", p => p
            .Template("TL-1", name: "Default Activation Template", scope: "asset", type: "fulfillment")
            .Template("TL-2", name: "Odd, (name) & x=y \"quoted\" \\ end", scope: "asset", type: "fulfillment")
            .Template("TL-3", name: "Default Activation Template", scope: "tier1", type: null));

        async Task<string[]> Ids(string q) => (await GetAsync("products/PRD-Q/templates?" + q)).Body!.AsArray().Select(t => (string)t!["id"]!).ToArray();

        Assert.That(await Ids("and(eq(name,\"Default Activation Template\"),eq(scope,asset))&limit=1&offset=0"), Is.EqualTo(new[] { "TL-1" }));
        Assert.That(await Ids("and(eq(name,%22Default%20Activation%20Template%22),eq(scope,asset))"), Is.EqualTo(new[] { "TL-1" }));
        Assert.That(await Ids("eq(name,Default%20Activation%20Template)"), Is.EqualTo(new[] { "TL-1", "TL-3" }));
        // lib-rql quoting: '…' or "…" with no escapes, so a value holding " is quoted with ' (and \ is literal).
        Assert.That(await Ids("eq(name,%27Odd%2C%20%28name%29%20%26%20x%3Dy%20%22quoted%22%20%5C%20end%27)"), Is.EqualTo(new[] { "TL-2" }));
        Assert.That(await Ids("eq(name,'Odd, (name) & x=y \"quoted\" \\ end')"), Is.EqualTo(new[] { "TL-2" }));
        Assert.That(await Ids("scope=asset&type=fulfillment"), Is.EqualTo(new[] { "TL-1", "TL-2" }));
        Assert.That(await Ids("name=a,b"), Is.Empty);
        Assert.That(await Ids("name=%22Default%20Activation%20Template%22&scope=tier1"), Is.EqualTo(new[] { "TL-3" }));
        Assert.That(await Ids("ilike(name,%22*activation*%22)"), Is.EqualTo(new[] { "TL-1", "TL-3" }));
    }

    [Test]
    public async Task Quoted_values_follow_lib_rql_with_no_escapes()
    {
        Sandbox.Products.Add("PRD-Q", p => p
            .Template("TL-1", name: "back\\slash\\", scope: "asset", type: "fulfillment")
            .Template("TL-2", name: "it's", scope: "asset", type: "fulfillment")
            .Template("TL-3", name: "say \"hi\"", scope: "asset", type: "fulfillment"));

        async Task<(int Status, string[] Ids)> Query(string q)
        {
            var (status, body, _) = await GetAsync("products/PRD-Q/templates?" + q);
            return (status, status == 200 ? body!.AsArray().Select(t => (string)t!["id"]!).ToArray() : []);
        }

        Assert.That(await Query("eq(name,\"back\\slash\\\")"), Is.EqualTo((200, new[] { "TL-1" })));
        Assert.That(await Query("eq(name,'back\\slash\\')"), Is.EqualTo((200, new[] { "TL-1" })));
        Assert.That(await Query("eq(name,\"it's\")"), Is.EqualTo((200, new[] { "TL-2" })));
        Assert.That(await Query("in(name,('say \"hi\"',\"it's\"))"), Is.EqualTo((200, new[] { "TL-2", "TL-3" })));
        Assert.That(await Query("name='it''s'"), Is.EqualTo((200, Array.Empty<string>())), "no doubled-quote escape either");
        Assert.That((await Query("eq(name,\"say \\\"hi\\\"\")")).Status, Is.EqualTo(400), "a backslash does not escape a quote");
        Assert.That((await Query("eq(name,'it's')")).Status, Is.EqualTo(400), "the same kind of quote ends the value");
    }

    [Test]
    public async Task Unparsable_or_unknown_rql_is_400_with_error_body()
    {
        foreach (var q in new[] { "frobnicate(status,pending)", "eq(status,pending", "and(eq(status,\"x))", "limit=abc" })
        {
            var (status, body, response) = await GetAsync("requests?" + q);
            Assert.That(status, Is.EqualTo(400), q);
            Assert.That(body!["error_code"], Is.Not.Null, q);
            Assert.That(body["errors"]!.AsArray(), Is.Not.Empty, q);
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        }
    }

    [Test]
    public async Task Tcr_filters_on_configuration_and_environment()
    {
        var a = Sandbox.TierConfigRequests.Add(t => t.Product("PRD-1").Environment("preview"));
        Sandbox.TierConfigRequests.Add(t => t.Product("PRD-1").Environment("production"));
        Sandbox.TierConfigRequests.Add(t => t.Product("PRD-1").Environment("preview").Status("approved"));

        var (_, body, response) = await GetAsync("tier/config-requests?and(in(configuration.product.id,(PRD-1)),in(configuration.connection.type,(preview)),in(status,(pending)))&limit=100&offset=0");
        Assert.That(body!.AsArray().Select(t => (string)t!["id"]!), Is.EqualTo(new[] { a }));
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/1"));

        (_, body, _) = await GetAsync("tier/config-requests?environment=preview");
        Assert.That(body!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Assets_can_be_listed_filtered_and_fetched()
    {
        var id = Sandbox.Requests.Add(r => r.Product("PRD-A").Asset("AS-1"));
        Sandbox.Requests.Add(r => r.Product("PRD-B"));

        var (_, body, _) = await GetAsync("assets?eq(product.id,PRD-A)");
        Assert.That(body!.AsArray().Select(a => (string)a!["id"]!), Is.EqualTo(new[] { "AS-1" }));
        var (status, asset, _) = await GetAsync("assets/AS-1");
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)asset!["product"]!["id"]!, Is.EqualTo("PRD-A"));
        Assert.That(Sandbox.GetRequestAssetId(id), Is.EqualTo("AS-1"));
    }

    [Test]
    public async Task Unknown_ids_and_routes_are_404_error_bodies()
    {
        foreach (var path in new[] { "requests/PR-0000-0000-0000-999", "tier/config-requests/TCR-1", "assets/AS-404", "conversations/CO-404", "nothing/here", "products/PRD-X/templates" })
        {
            var (status, body, _) = await GetAsync(path);
            Assert.That(status, Is.EqualTo(404), path);
            Assert.That(body!["error_code"], Is.Not.Null, path);
        }

        using var client = new HttpClient();
        var outside = await client.GetAsync(new Uri(Sandbox.BaseUrl, "/other"));
        Assert.That((int)outside.StatusCode, Is.EqualTo(404));
    }
}
