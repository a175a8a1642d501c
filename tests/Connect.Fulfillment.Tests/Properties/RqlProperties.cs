// FsCheck supplies the arguments of [Property] tests; NUnit's analyzer does not know that.
#pragma warning disable NUnit1027

using System.Text;
using Connect.Fulfillment.Query;
using FsCheck;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace Connect.Fulfillment.Tests.Properties;

/// <summary>Any value round-trips as one RQL literal, and no value can add a query parameter or change the expression.</summary>
public class RqlProperties
{
    [FsCheckProperty(MaxTest = 500)]
    public bool Any_value_reads_back_from_its_literal(NonNull<string> value)
        => ReadLiteral(RqlFilter.Literal(value.Get)) == value.Get;

    [FsCheckProperty(MaxTest = 500)]
    public bool Any_value_stays_inside_its_eq_term_of_the_query_string(NonNull<string> value)
    {
        var text = value.Get;
        if (Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) != text)
        {
            return true; // lone surrogates cannot travel as UTF-8 at all
        }

        var query = RqlFilter.And(RqlFilter.Eq("name", text), RqlFilter.Eq("scope", "asset")).ToQueryString();
        var decoded = Uri.UnescapeDataString(query);
        return query.IndexOfAny(['&', '=', '#', '+', ' ', '?', '"', '\\']) < 0
            && decoded == $"and(eq(name,{RqlFilter.Literal(text)}),eq(scope,asset))";
    }

    [FsCheckProperty(MaxTest = 300)]
    public bool In_lists_keep_every_value_separate(NonNull<string>[] values)
    {
        if (values.Length == 0)
        {
            return true;
        }

        var texts = values.Select(v => v.Get).ToArray();
        var rendered = RqlFilter.In("id", texts).Text;
        var inner = rendered["in(id,(".Length..^2];
        return SplitLiterals(inner).Select(ReadLiteral).SequenceEqual(texts);
    }

    /// <summary>Reads a literal back the way an RQL parser does: bare text, or a quoted string with \" and \\ escapes.</summary>
    private static string ReadLiteral(string literal)
    {
        if (literal.Length == 0 || literal[0] != '"')
        {
            return literal;
        }

        var text = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] == '\\')
            {
                i++;
            }

            text.Append(literal[i]);
        }

        return text.ToString();
    }

    /// <summary>Splits the body of an <c>in(...)</c> list on the commas outside quotes.</summary>
    private static IEnumerable<string> SplitLiterals(string list)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    yield return list[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return list[start..];
    }
}
