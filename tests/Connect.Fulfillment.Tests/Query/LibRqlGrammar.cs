using System.Globalization;
using System.Text.RegularExpressions;

namespace Connect.Fulfillment.Tests.Query;

/// <summary>
/// A small checker for the RQL we send, written from the rules of CloudBlue's lib-rql grammar
/// (cloudblue/lib-rql, <c>py_rql/grammar.py</c>): its terminals (<c>PROP</c>, <c>QUOTED_VAL</c>, <c>UNQUOTED_VAL</c>,
/// keywords) and the rules for comparisons, listings, searches, <c>and</c>/<c>or</c>/<c>not</c> and the top-level
/// <c>&amp;</c>. It parses a decoded query string into a tree, so tests can prove what the server reads.
/// Not covered (we never send them): ordering, select, tuples as values, the <c>|</c>/<c>;</c> forms of or.
/// </summary>
internal static partial class LibRqlGrammar
{
    private static readonly HashSet<string> PropKeywords =
        ["eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not", "in", "out", "like", "ilike", "ordering", "select"];

    /// <summary>A parsed node: an operator with its children, or a value leaf.</summary>
    public sealed record Node(string Kind, string? Op, string? Prop, IReadOnlyList<string> Values, IReadOnlyList<Node> Children);

    /// <summary>Parses a whole query string (already percent-decoded) into its top-level terms.</summary>
    public static IReadOnlyList<Node> ParseQuery(string decoded)
    {
        var parser = new Parser(Lex(decoded));
        var terms = new List<Node> { parser.Term() };
        while (parser.Accept("&"))
        {
            terms.Add(parser.Term());
        }

        parser.ExpectEnd();
        return terms;
    }

    /// <summary>Parses one RQL expression.</summary>
    public static Node Parse(string decoded)
    {
        var terms = ParseQuery(decoded);
        return terms.Count == 1 ? terms[0] : throw new FormatException($"'{decoded}' is {terms.Count} terms, not one.");
    }

    // UNQUOTED_VAL: /[\w\-\*\+\\]/ /[\w\.\s\-\:\+\@\*\\]*/ ; PROP: /[a-zA-Z]/ /[\w\-\.]/* (Python's \w is Unicode).
    [GeneratedRegex(@"\G[\w\-\*\+\\][\w\.\s\-\:\+\@\*\\]*")]
    private static partial Regex UnquotedVal();

    [GeneratedRegex(@"\G[a-zA-Z][\w\-\.]*")]
    private static partial Regex Prop();

    private static List<(string Type, string Text)> Lex(string text)
    {
        var tokens = new List<(string, string)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                // QUOTED_VAL: "[^"]*" or '[^']*' — no escapes.
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    throw new FormatException($"Unterminated quoted value at {i} in '{text}'.");
                }

                tokens.Add(("QUOTED", text[(i + 1)..close]));
                i = close + 1;
                continue;
            }

            if (text.AsSpan(i).StartsWith("null()") || text.AsSpan(i).StartsWith("empty()"))
            {
                var word = text.AsSpan(i).StartsWith("null()") ? "null()" : "empty()";
                tokens.Add(("SPECIAL", word));
                i += word.Length;
                continue;
            }

            var unquoted = UnquotedVal().Match(text, i);
            var prop = Prop().Match(text, i);
            if (unquoted.Success || prop.Success)
            {
                // The longest match wins; a match equal to a keyword string becomes that keyword (Lark's "unless").
                var longest = unquoted.Length >= prop.Length ? unquoted.Value : prop.Value;
                var type = longest == "t" ? "TUPLE"
                    : PropKeywords.Contains(longest) ? "KEYWORD"
                    : prop.Success && prop.Length == longest.Length ? "PROP"
                    : "UNQUOTED";
                tokens.Add((type, longest));
                i += longest.Length;
                continue;
            }

            if (c is '(' or ')' or ',' or '=' or '&' or '|' or ';')
            {
                tokens.Add((c.ToString(), c.ToString()));
                i++;
                continue;
            }

            throw new FormatException($"Character '{c}' (U+{(int)c:X4}) at {i.ToString(CultureInfo.InvariantCulture)} starts no RQL token in '{text}'.");
        }

        return tokens;
    }

    private sealed class Parser(List<(string Type, string Text)> tokens)
    {
        private int position;

        public bool Accept(string type)
        {
            if (position < tokens.Count && tokens[position].Type == type)
            {
                position++;
                return true;
            }

            return false;
        }

        public void ExpectEnd()
        {
            if (position != tokens.Count)
            {
                throw new FormatException($"Unexpected '{tokens[position].Text}' after the end of the expression.");
            }
        }

        public Node Term()
        {
            if (Accept("("))
            {
                var inner = Term();
                Expect(")");
                return inner;
            }

            var word = PeekWord();
            switch (word)
            {
                case "and" or "or":
                    position++;
                    Expect("(");
                    var children = new List<Node> { Term() };
                    while (Accept(","))
                    {
                        children.Add(Term());
                    }

                    Expect(")");
                    return children.Count >= 2 ? new Node("logical", word, null, [], children) : throw new FormatException($"{word}() needs two terms or more.");
                case "not":
                    position++;
                    Expect("(");
                    var negated = Term();
                    Expect(")");

                    // not_op: _NOT ( expr_term ): a comparison, listing or search, never a logical term.
                    return negated.Kind != "logical" ? new Node("logical", "not", null, [], [negated]) : throw new FormatException("not() of a logical term.");
                case "eq" or "ne" or "gt" or "ge" or "lt" or "le" or "like" or "ilike":
                    position++;
                    Expect("(");
                    var prop = PropName();
                    Expect(",");
                    var value = Value();
                    Expect(")");
                    return new Node(word is "like" or "ilike" ? "searching" : "comp", word, prop, [value], []);
                case "in" or "out":
                    position++;
                    Expect("(");
                    var listProp = PropName();
                    Expect(",");
                    Expect("(");
                    var values = new List<string> { Value() };
                    while (Accept(","))
                    {
                        values.Add(Value());
                    }

                    Expect(")");
                    Expect(")");
                    return new Node("listing", word, listProp, values, []);
                default:
                    // prop=val (the form of limit=100 and offset=0).
                    var name = PropName();
                    Expect("=");
                    return new Node("comp", "eq", name, [Value()], []);
            }
        }

        private string? PeekWord() => position < tokens.Count && tokens[position].Type == "KEYWORD" ? tokens[position].Text : null;

        private string PropName()
        {
            if (position < tokens.Count && tokens[position].Type is "PROP" or "KEYWORD")
            {
                return tokens[position++].Text;
            }

            throw new FormatException($"Expected a property at token {position}.");
        }

        private string Value()
        {
            if (position < tokens.Count && tokens[position].Type is "PROP" or "KEYWORD" or "QUOTED" or "UNQUOTED" or "SPECIAL")
            {
                return tokens[position++].Text;
            }

            throw new FormatException($"Expected a value at token {position} ({(position < tokens.Count ? tokens[position].Type : "end")}).");
        }

        private void Expect(string type)
        {
            if (!Accept(type))
            {
                throw new FormatException($"Expected '{type}' at token {position} ({(position < tokens.Count ? tokens[position].Text : "end")}).");
            }
        }
    }
}
