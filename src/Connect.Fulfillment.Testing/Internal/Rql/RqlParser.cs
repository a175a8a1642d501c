namespace Connect.Fulfillment.Testing.Internal.Rql;

/// <summary>Recursive-descent parser for one RQL expression (already percent-decoded).</summary>
internal sealed class RqlParser(string text)
{
    private int _pos;

    public static RqlValue ParseValueText(string raw)
    {
        var p = new RqlParser(raw);
        var v = p.ParseValue();
        if (p._pos != raw.Length)
        {
            throw new RqlException($"Unexpected characters in value '{raw}'.");
        }

        return v;
    }

    /// <summary>Parses a whole expression; returns null for ignored calls such as select() and ordering().</summary>
    public RqlNode? ParseSingle()
    {
        var f = ParseCall();
        if (_pos != text.Length)
        {
            throw new RqlException($"Unexpected characters at position {_pos} in '{text}'.");
        }

        return f;
    }

    private RqlNode? ParseCall()
    {
        var name = ReadName();
        Expect('(');
        RqlNode? result;
        switch (name)
        {
            case "and":
            case "or":
                var parts = new List<RqlNode>();
                if (Peek() != ')')
                {
                    do
                    {
                        if (ParseCall() is { } f)
                        {
                            parts.Add(f);
                        }
                    }
                    while (TryConsume(','));
                }

                result = parts.Count == 0 ? RqlNode.Always : name == "and" ? RqlNode.And(parts) : RqlNode.Or(parts);
                break;
            case "not":
                result = RqlNode.Not(ParseCall() ?? RqlNode.Always);
                break;
            case "select":
            case "ordering":
            case "sort":
            case "limit":
                SkipBalanced();
                Expect(')');
                return null;
            default:
                var field = ReadBare();
                if (field.Length == 0)
                {
                    throw new RqlException($"Missing field name in {name}().");
                }

                Expect(',');
                result = RqlNode.Compare(name, field, ParseValue());
                break;
        }

        Expect(')');
        return result;
    }

    private RqlValue ParseValue()
    {
        var c = Peek();
        if (c == '(')
        {
            _pos++;
            var items = new List<RqlValue>();
            if (Peek() != ')')
            {
                do
                {
                    items.Add(ParseValue());
                }
                while (TryConsume(','));
            }

            Expect(')');
            return new RqlValue { Items = items };
        }

        if (QueryText.IsQuote(c))
        {
            return new RqlValue { Text = ReadQuoted() };
        }

        var bare = ReadBare();
        if (!TryConsume('('))
        {
            return new RqlValue { Text = bare };
        }

        Expect(')');
        return bare switch
        {
            "null" => RqlValue.Null,
            "empty" => RqlValue.Empty,
            _ => throw new RqlException($"Unsupported value function '{bare}()'."),
        };
    }

    /// <summary>Reads <c>"…"</c> or <c>'…'</c>: lib-rql has no escapes, so the value ends at the next quote of its kind.</summary>
    private string ReadQuoted()
    {
        var quote = text[_pos++];
        var end = text.IndexOf(quote, _pos);
        if (end < 0)
        {
            throw new RqlException("Unterminated quoted value.");
        }

        var value = text[_pos..end];
        _pos = end + 1;
        return value;
    }

    private string ReadName()
    {
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
        {
            _pos++;
        }

        return start == _pos ? throw new RqlException($"Expected an RQL operator at position {_pos} in '{text}'.") : text[start.._pos];
    }

    private string ReadBare()
    {
        var start = _pos;
        while (_pos < text.Length && text[_pos] is not (',' or '(' or ')') && !QueryText.IsQuote(text[_pos]))
        {
            _pos++;
        }

        return text[start.._pos];
    }

    private void SkipBalanced()
    {
        var depth = 1;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (QueryText.IsQuote(c))
            {
                ReadQuoted();
                continue;
            }

            _pos++;
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                _pos--;
                return;
            }
        }

        throw new RqlException("Unbalanced parentheses in query.");
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';

    private bool TryConsume(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw new RqlException($"Expected '{c}' at position {_pos} in '{text}'.");
        }
    }
}
