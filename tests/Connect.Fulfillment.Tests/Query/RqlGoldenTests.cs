using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Tests.Client;

namespace Connect.Fulfillment.Tests.Query;

/// <summary>Golden RQL texts and the exact URLs they produce, including hostile values.</summary>
public class RqlGoldenTests
{
    [Test]
    public void Pending_query_renders_like_the_official_python_client()
        => Assert.That(RequestQuery.Pending(["PRD-1"]).ToRql()?.Text,
            Is.EqualTo("and(in(asset.product.id,(PRD-1)),in(asset.connection.type,(preview)),in(status,(pending)))"));

    [Test]
    public void Pending_query_with_several_products_and_environments()
        => Assert.That(RequestQuery.Pending(["PRD-1", "PRD-2"], [ConnectionType.Test, ConnectionType.Production]).ToRql()?.Text,
            Is.EqualTo("and(in(asset.product.id,(PRD-1,PRD-2)),in(asset.connection.type,(test,production)),in(status,(pending)))"));

    [Test]
    public void Every_field_in_fixed_order_with_the_raw_filter_last()
    {
        var query = new RequestQuery
        {
            Ids = ["PR-1"],
            Types = [RequestType.Purchase, RequestType.Change],
            Statuses = [RequestStatus.Pending, RequestStatus.Inquiring],
            Environments = [ConnectionType.Preview],
            ProductIds = ["PRD-1"],
            Filter = RqlFilter.Raw("ne(asset.status,draft)"),
        };

        Assert.That(query.ToRql()?.Text, Is.EqualTo(
            "and(in(asset.product.id,(PRD-1)),in(asset.connection.type,(preview)),in(status,(pending,inquiring)),in(type,(purchase,change)),in(id,(PR-1)),ne(asset.status,draft))"));
    }

    [Test]
    public void A_query_with_one_term_is_not_wrapped_and_an_empty_query_renders_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new RequestQuery { Statuses = [RequestStatus.Pending] }.ToRql()?.Text, Is.EqualTo("in(status,(pending))"));
            Assert.That(new RequestQuery().ToRql(), Is.Null);
            Assert.That(new TemplateQuery().ToRql(), Is.Null);
            Assert.That(new TierConfigRequestQuery().ToRql(), Is.Null);
        });
    }

    [Test]
    public void Tier_config_pending_query()
        => Assert.That(TierConfigRequestQuery.Pending(["PRD-1"]).ToRql()?.Text,
            Is.EqualTo("and(in(configuration.product.id,(PRD-1)),in(configuration.connection.type,(preview)),in(status,(pending)))"));

    [Test]
    public void Template_query_quotes_the_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Asset }.ToRql()?.Text,
                Is.EqualTo("and(eq(name,\"Default Activation Template\"),eq(scope,asset))"));
            Assert.That(new TemplateQuery { Scope = TemplateScope.Asset, Type = TemplateType.Fulfillment }.ToRql()?.Text,
                Is.EqualTo("and(eq(scope,asset),eq(type,fulfillment))"));
        });
    }

    [TestCase("PRD-123-456", "PRD-123-456")]
    [TestCase("a_b.c:d*e+f@g", "a_b.c:d*e+f@g")]
    [TestCase("-1", "-1")]
    [TestCase("*saas*", "*saas*")]
    [TestCase("", "\"\"")]
    [TestCase("two words", "\"two words\"")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("f(x)", "\"f(x)\"")]
    [TestCase("say \"hi\"", "'say \"hi\"'")]
    [TestCase("it's", "\"it's\"")]
    [TestCase(@"C:\dir", "\"C:\\dir\"")]
    [TestCase(".5", "\".5\"")]
    [TestCase(":x", "\":x\"")]
    [TestCase("@home", "\"@home\"")]
    [TestCase("t", "\"t\"")]
    [TestCase("and", "\"and\"")]
    [TestCase("eq", "\"eq\"")]
    [TestCase("tab\there", "\"tab\there\"")]
    [TestCase("a&b=c", "\"a&b=c\"")]
    [TestCase("Zürich", "\"Zürich\"")]
    [TestCase("null()", "\"null()\"")]
    public void Literal_quotes_anything_beyond_the_bare_characters(string value, string expected)
        => Assert.That(RqlFilter.Literal(value), Is.EqualTo(expected));

    [Test]
    public void Operators_render_as_documented()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RqlFilter.Ne("status", "draft").Text, Is.EqualTo("ne(status,draft)"));
            Assert.That(RqlFilter.ILike("name", "*saas services*").Text, Is.EqualTo("ilike(name,\"*saas services*\")"));
            Assert.That(RqlFilter.Like("name", "*awesome*").Text, Is.EqualTo("like(name,*awesome*)"));
            Assert.That(RqlFilter.Out("type", ["cancel"]).Text, Is.EqualTo("out(type,(cancel))"));
            Assert.That(RqlFilter.IsNull("assignee").Text, Is.EqualTo("eq(assignee,null())"));
            Assert.That(RqlFilter.IsNotNull("assignee").Text, Is.EqualTo("ne(assignee,null())"));
            Assert.That(RqlFilter.Not(RqlFilter.Eq("status", "failed")).Text, Is.EqualTo("not(eq(status,failed))"));
            Assert.That(RqlFilter.Or(RqlFilter.Eq("a", "1"), RqlFilter.Eq("b", "2")).Text, Is.EqualTo("or(eq(a,1),eq(b,2))"));
            Assert.That(RqlFilter.And(RqlFilter.And(RqlFilter.Eq("a", "1"), RqlFilter.Eq("b", "2")), RqlFilter.Eq("c", "3")).Text,
                Is.EqualTo("and(eq(a,1),eq(b,2),eq(c,3))"));
        });
    }

    [Test]
    public void A_value_with_both_kinds_of_quote_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => RqlFilter.Eq("name", "O'Brien \"Bob\""));
        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("value"));
            Assert.That(error.Message, Does.Contain("both a double quote").And.Contain("no escape characters"));
            Assert.That(() => RqlFilter.In("id", ["ok", "'\""]), Throws.ArgumentException);
            Assert.That(() => new TemplateQuery { Name = "'\"" }.ToRql(), Throws.ArgumentException);
        });
    }

    [Test]
    public void Invalid_fields_and_empty_lists_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RqlFilter.Eq("status),eq(id", "x"), Throws.ArgumentException);
            Assert.That(() => RqlFilter.Eq(" ", "x"), Throws.ArgumentException);
            Assert.That(() => RqlFilter.In("status", []), Throws.ArgumentException);
            Assert.That(() => RqlFilter.And(), Throws.ArgumentException);
        });
    }

    [Test]
    public void Query_string_percent_encodes_everything_but_the_RQL_syntax()
        => Assert.That(RqlFilter.Eq("name", "a b,c(d)\"e\\f&g=h+ü").ToQueryString(),
            Is.EqualTo("eq(name,%27a%20b,c(d)%22e%5Cf%26g%3Dh%2B%C3%BC%27)"));

    [Test]
    public async Task Hostile_values_cannot_change_the_query_the_server_receives()
    {
        using var server = ConnectServer.Start();
        using var client = server.Client();
        server.Given("GET", "requests", body: "[]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/0" });
        const string Hostile = "x)),or(eq(status,approved)&limit=1000&offset=5#\"\\ ü";

        await client.ListRequestsAsync(new RequestQuery { Ids = [Hostile] }).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo(
                "?in(id,(%27x)),or(eq(status,approved)%26limit%3D1000%26offset%3D5%23%22%5C%20%C3%BC%27))&limit=100&offset=0"));
            Assert.That(call.RequestMessage.Query!["limit"].ToArray(), Is.EqualTo(new[] { "100" }));
            Assert.That(call.RequestMessage.Query!["offset"].ToArray(), Is.EqualTo(new[] { "0" }));
            Assert.That(call.RequestMessage.Query, Has.Count.EqualTo(3), string.Join(" | ", call.RequestMessage.Query!.Keys));
        });
    }
}
