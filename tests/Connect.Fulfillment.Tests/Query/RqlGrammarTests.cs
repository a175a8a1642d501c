using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Tests.Query;

/// <summary>The RQL we generate, parsed with the checker written from lib-rql's grammar; and the checker itself.</summary>
public class RqlGrammarTests
{
    [Test]
    public void The_checker_accepts_lib_rql_forms_and_refuses_what_lib_rql_refuses()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LibRqlGrammar.Parse("eq(name,\"a b\")").Values, Is.EqualTo(new[] { "a b" }));
            Assert.That(LibRqlGrammar.Parse("eq(name,'say \"hi\"')").Values, Is.EqualTo(new[] { "say \"hi\"" }));
            Assert.That(LibRqlGrammar.Parse("in(id,(a,\"b,c\",'d'))").Values, Is.EqualTo(new[] { "a", "b,c", "d" }));
            Assert.That(LibRqlGrammar.ParseQuery("and(eq(a,1),ne(b,null()))&limit=10"), Has.Count.EqualTo(2));

            // No escapes: the backslash does not protect the quote, so the old rendering ended the value early.
            Assert.That(() => LibRqlGrammar.Parse("eq(name,\"say \\\"hi\\\"\")"), Throws.TypeOf<FormatException>());

            // Characters that cannot start a bare value, and the keyword that opens a tuple.
            Assert.That(() => LibRqlGrammar.Parse("eq(a,.5)"), Throws.TypeOf<FormatException>());
            Assert.That(() => LibRqlGrammar.Parse("eq(a,@x)"), Throws.TypeOf<FormatException>());
            Assert.That(() => LibRqlGrammar.Parse("eq(a,t)"), Throws.TypeOf<FormatException>());
            Assert.That(() => LibRqlGrammar.Parse("and(eq(a,1))"), Throws.TypeOf<FormatException>());
            Assert.That(() => LibRqlGrammar.Parse("not(and(eq(a,1),eq(b,2)))"), Throws.TypeOf<FormatException>());
        });
    }

    [Test]
    public void Every_typed_query_parses_under_lib_rql()
    {
        var queries = new[]
        {
            RequestQuery.Pending(["PRD-1", "PRD-2"], [ConnectionType.Preview, ConnectionType.Test]).ToRql()!,
            new RequestQuery { Ids = ["PR-1"], Types = [RequestType.Purchase], Statuses = [RequestStatus.Inquiring] }.ToRql()!,
            TierConfigRequestQuery.Pending(["PRD-1"]).ToRql()!,
            new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Asset, Type = TemplateType.Fulfillment }.ToRql()!,
            RqlFilter.Or(RqlFilter.Eq("a", "1"), RqlFilter.Not(RqlFilter.IsNull("assignee")), RqlFilter.ILike("name", "*saas services*")),
        };

        foreach (var query in queries)
        {
            var decoded = Uri.UnescapeDataString(query.ToQueryString() + "&limit=100&offset=0");
            Assert.That(() => LibRqlGrammar.ParseQuery(decoded), Has.Count.EqualTo(3), decoded);
        }
    }

    [Test]
    public void Not_refuses_a_logical_term_which_lib_rql_cannot_negate()
    {
        var both = RqlFilter.And(RqlFilter.Eq("a", "1"), RqlFilter.Eq("b", "2"));
        Assert.Multiple(() =>
        {
            Assert.That(() => RqlFilter.Not(both), Throws.ArgumentException.With.Message.Contain("negate each term"));
            Assert.That(() => RqlFilter.Not(RqlFilter.Not(RqlFilter.Eq("a", "1"))), Throws.ArgumentException);
            Assert.That(LibRqlGrammar.Parse(RqlFilter.Not(RqlFilter.In("type", ["cancel"])).Text).Op, Is.EqualTo("not"));
        });
    }

    [TestCase("say \"hi\"")]
    [TestCase("it's")]
    [TestCase(".5")]
    [TestCase("t")]
    [TestCase("x)),or(eq(status,approved)&limit=1000")]
    [TestCase("a'b,c\")")]
    public void Values_that_the_old_rendering_broke_are_one_value_now(string value)
    {
        if (value.Contains('"', StringComparison.Ordinal) && value.Contains('\'', StringComparison.Ordinal))
        {
            Assert.That(() => RqlFilter.Literal(value), Throws.ArgumentException);
            return;
        }

        var parsed = LibRqlGrammar.Parse(RqlFilter.Eq("name", value).Text);
        Assert.That(parsed.Values, Is.EqualTo(new[] { value }));
    }
}
