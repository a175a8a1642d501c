namespace Connect.Fulfillment.Query;

/// <summary>
/// An immutable RQL filter expression, rendered the way the official Connect Python client emits it
/// (for example <c>and(in(asset.product.id,(PRD-1)),eq(status,pending))</c>). Values are written by
/// <see cref="Literal"/> under the grammar of CloudBlue's RQL parser (lib-rql), which has no escape characters, so no
/// value can change the meaning of the query.
/// </summary>
public sealed class RqlFilter
{
    // The words lib-rql's lexer reads as keywords rather than as a plain value.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "t", "eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not", "in", "out", "like", "ilike", "ordering", "select",
    };

    private readonly IReadOnlyList<RqlFilter>? andTerms;
    private readonly bool isLogical;

    private RqlFilter(string text, IReadOnlyList<RqlFilter>? andTerms = null, bool isLogical = false)
    {
        Text = text;
        this.andTerms = andTerms;
        this.isLogical = isLogical;
    }

    /// <summary>The RQL text, not yet percent-encoded.</summary>
    public string Text { get; }

    /// <summary><c>eq(field,value)</c>.</summary>
    /// <param name="field">A field path such as <c>status</c> or <c>asset.product.id</c>.</param>
    /// <param name="value">The value, quoted when needed.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Eq(string field, string value) => Compare("eq", field, value);

    /// <summary><c>ne(field,value)</c>.</summary>
    /// <param name="field">A field path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Ne(string field, string value) => Compare("ne", field, value);

    /// <summary><c>like(field,pattern)</c>, with <c>*</c> as the wildcard.</summary>
    /// <param name="field">A field path.</param>
    /// <param name="pattern">The pattern.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Like(string field, string pattern) => Compare("like", field, pattern);

    /// <summary><c>ilike(field,pattern)</c>: case-insensitive <see cref="Like"/>.</summary>
    /// <param name="field">A field path.</param>
    /// <param name="pattern">The pattern.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter ILike(string field, string pattern) => Compare("ilike", field, pattern);

    /// <summary><c>in(field,(v1,v2))</c>.</summary>
    /// <param name="field">A field path.</param>
    /// <param name="values">At least one value.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter In(string field, IEnumerable<string> values) => List("in", field, values);

    /// <summary><c>out(field,(v1,v2))</c>.</summary>
    /// <param name="field">A field path.</param>
    /// <param name="values">At least one value.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Out(string field, IEnumerable<string> values) => List("out", field, values);

    /// <summary><c>eq(field,null())</c>.</summary>
    /// <param name="field">A field path.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter IsNull(string field) => new($"eq({CheckField(field)},null())");

    /// <summary><c>ne(field,null())</c>.</summary>
    /// <param name="field">A field path.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter IsNotNull(string field) => new($"ne({CheckField(field)},null())");

    /// <summary><c>and(a,b,…)</c>; nested <c>and</c>s are flattened and a single term is returned as it is.</summary>
    /// <param name="filters">The terms.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter And(params IEnumerable<RqlFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var terms = new List<RqlFilter>();
        foreach (var filter in filters)
        {
            ArgumentNullException.ThrowIfNull(filter, nameof(filters));
            if (filter.andTerms is { } nested)
            {
                terms.AddRange(nested);
            }
            else
            {
                terms.Add(filter);
            }
        }

        return terms.Count switch
        {
            0 => throw new ArgumentException("and() needs at least one term.", nameof(filters)),
            1 => terms[0],
            _ => new RqlFilter(Join("and", terms), terms, isLogical: true),
        };
    }

    /// <summary><c>or(a,b,…)</c>.</summary>
    /// <param name="filters">At least one term.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Or(params IEnumerable<RqlFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var terms = filters.ToList();
        return terms.Count switch
        {
            0 => throw new ArgumentException("or() needs at least one term.", nameof(filters)),
            1 => terms[0],
            _ => new RqlFilter(Join("or", terms), isLogical: true),
        };
    }

    /// <summary><c>not(a)</c>, where <c>a</c> is one comparison, search or list term: lib-rql's grammar does not negate
    /// <c>and</c>, <c>or</c> or <c>not</c>.</summary>
    /// <param name="filter">The negated term.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="filter"/> is an <c>and</c>, <c>or</c> or <c>not</c>.</exception>
    public static RqlFilter Not(RqlFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.isLogical)
        {
            throw new ArgumentException(
                "RQL's not() takes one comparison, search or list term, not and/or/not: negate each term instead (not(a or b) is and(not(a),not(b))).",
                nameof(filter));
        }

        return new RqlFilter($"not({filter.Text})", isLogical: true);
    }

    /// <summary>
    /// Raw RQL, sent as written (then percent-encoded). The escape hatch for filters this type does not model;
    /// never build it from untrusted values — use the typed methods, which quote values.
    /// </summary>
    /// <param name="rql">The RQL text.</param>
    /// <returns>The filter.</returns>
    public static RqlFilter Raw(string rql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rql);
        return new RqlFilter(rql);
    }

    /// <summary>
    /// Renders a value as an RQL literal under lib-rql's grammar. A value is left bare only when the grammar reads it
    /// back as one plain value: it starts with a letter, digit or one of <c>_-*+</c>, goes on with letters, digits and
    /// <c>_.-:+@*</c>, and is not an RQL keyword. Anything else is quoted. RQL has no escapes: a quoted value is
    /// <c>"…"</c> with no <c>"</c> inside or <c>'…'</c> with no <c>'</c> inside, so the quote the value does not contain
    /// is used.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    /// <exception cref="ArgumentException">The value contains both <c>"</c> and <c>'</c>, which no RQL literal can hold.</exception>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsBareValue(value))
        {
            return value;
        }

        if (!value.Contains('"', StringComparison.Ordinal))
        {
            return "\"" + value + "\"";
        }

        if (!value.Contains('\'', StringComparison.Ordinal))
        {
            return "'" + value + "'";
        }

        throw new ArgumentException(
            "An RQL value cannot contain both a double quote (\") and a single quote ('): RQL has no escape characters, so such a value "
            + "cannot be written as one literal. Filter on a part of the value without one of the two, for example with Like and '*'.",
            nameof(value));
    }

    /// <summary>The RQL text percent-encoded for a query string: everything but letters, digits and <c>-._~(),:*@</c> is encoded as UTF-8.</summary>
    /// <returns>The encoded text.</returns>
    public string ToQueryString() => RqlEncoding.Encode(Text);

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The RQL text.</returns>
    public override string ToString() => Text;

    // lib-rql's UNQUOTED_VAL is [\w\-\*\+\\] then [\w\.\s\-\:\+\@\*\\]*; this keeps to its ASCII part without '\\' and
    // whitespace, and quotes the keywords its lexer turns into tokens of their own ("t" even opens a tuple).
    private static bool IsBareValue(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiLetterOrDigit(value[0]) || value[0] is '_' or '-' or '*' or '+'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or ':' or '+' or '@' or '*'))
            {
                return false;
            }
        }

        return !Keywords.Contains(value);
    }

    private static RqlFilter Compare(string op, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new RqlFilter($"{op}({CheckField(field)},{Literal(value)})");
    }

    private static RqlFilter List(string op, string field, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var literals = values.Select(v => Literal(v ?? throw new ArgumentException("Values must not be null.", nameof(values)))).ToList();
        if (literals.Count == 0)
        {
            throw new ArgumentException($"{op}() needs at least one value.", nameof(values));
        }

        return new RqlFilter($"{op}({CheckField(field)},({string.Join(',', literals)}))");
    }

    private static string Join(string op, IEnumerable<RqlFilter> terms)
        => $"{op}({string.Join(',', terms.Select(t => t.Text))})";

    private static string CheckField(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (!field.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            throw new ArgumentException($"'{field}' is not a valid RQL field path (letters, digits, '_' and '.').", nameof(field));
        }

        return field;
    }
}
