// FsCheck supplies the arguments of [Property] tests; NUnit's analyzer does not know that.
#pragma warning disable NUnit1027

using System.Text;
using Connect.Fulfillment.Query;
using FsCheck;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace Connect.Fulfillment.Tests.Query;

/// <summary>
/// Under lib-rql's grammar (<see cref="LibRqlGrammar"/>), any value that can be written at all reads back as exactly
/// itself, as one value of its own term, and no value can add a query parameter or change the expression. The only
/// values refused are those with both kinds of quote, and they are refused with an <see cref="ArgumentException"/>.
/// </summary>
public class RqlProperties
{
    [FsCheckProperty(MaxTest = 1000)]
    public bool Any_value_reads_back_from_its_literal_or_is_refused(NonNull<string> value)
    {
        var text = value.Get;
        if (HasBothQuotes(text))
        {
            return Refused(() => RqlFilter.Literal(text));
        }

        var parsed = LibRqlGrammar.Parse($"eq(name,{RqlFilter.Literal(text)})");
        return parsed is { Kind: "comp", Op: "eq", Prop: "name" } && parsed.Values.SequenceEqual([text]);
    }

    [FsCheckProperty(MaxTest = 1000)]
    public bool Any_value_stays_inside_its_eq_term_of_the_decoded_query_string(NonNull<string> value)
    {
        var text = value.Get;
        if (Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) != text || HasBothQuotes(text))
        {
            return true; // lone surrogates cannot travel as UTF-8 at all; both quotes are refused (property above)
        }

        // What the server parses: the whole query string, percent-decoded once, paging included.
        var query = RqlFilter.And(RqlFilter.Eq("name", text), RqlFilter.Eq("scope", "asset")).ToQueryString() + "&limit=100&offset=0";
        var terms = LibRqlGrammar.ParseQuery(Uri.UnescapeDataString(query));
        return query.IndexOfAny(['&', '=', '#', '+', ' ', '?', '"', '\'', '\\'], 0, query.IndexOf("&limit", StringComparison.Ordinal)) < 0
            && terms.Count == 3
            && terms[0] is { Kind: "logical", Op: "and", Children: [{ Op: "eq", Prop: "name" } name, { Op: "eq", Prop: "scope" } scope] }
            && name.Values.SequenceEqual([text])
            && scope.Values.SequenceEqual(["asset"])
            && terms[1] is { Prop: "limit" } limit && limit.Values.SequenceEqual(["100"])
            && terms[2] is { Prop: "offset" } offset && offset.Values.SequenceEqual(["0"]);
    }

    [FsCheckProperty(MaxTest = 300)]
    public bool In_lists_keep_every_value_separate(NonNull<string>[] values)
    {
        var texts = values.Select(v => v.Get).Where(t => !HasBothQuotes(t)).ToArray();
        if (texts.Length == 0)
        {
            return true;
        }

        var parsed = LibRqlGrammar.Parse(RqlFilter.In("id", texts).Text);
        return parsed is { Kind: "listing", Op: "in", Prop: "id" } && parsed.Values.SequenceEqual(texts);
    }

    private static bool HasBothQuotes(string text) => text.Contains('"', StringComparison.Ordinal) && text.Contains('\'', StringComparison.Ordinal);

    private static bool Refused(Action render)
    {
        try
        {
            render();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
