using System.Globalization;
using System.Text;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Evaluates the inside of one <c>${{ … }}</c> the way decK's Go template does, for the only functions decK
/// registers: <c>env</c>, <c>toBool</c>, <c>toInt</c>, <c>toFloat</c> and <c>indent</c>. Supported syntax is Go's
/// pipeline: <c>env "DECK_X" | toInt</c>, nested calls in parentheses, and string and integer literals.
/// Anything else (variables, <c>if</c>, other functions, trim markers) is refused rather than guessed at.
/// </summary>
internal sealed class DeckTemplate
{
    private const string RequiredPrefix = "DECK_";
    private const string Functions = "env, toBool, toInt, toFloat, indent";

    private readonly string _text;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private int _pos;

    private DeckTemplate(string text, Func<string, string?> getEnvironmentVariable)
    {
        _text = text;
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    /// <summary>Returns the printed value, or null with a one-line <paramref name="error"/>.</summary>
    public static string? Evaluate(string action, Func<string, string?> getEnvironmentVariable, out string? error)
    {
        var template = new DeckTemplate(action, getEnvironmentVariable);
        try
        {
            var value = template.Pipeline();
            template.SkipSpaces();
            if (template._pos < action.Length)
                throw template.NotUnderstood($"unexpected '{action[template._pos..].Trim()}'");
            error = null;
            return Print(value.Value);
        }
        catch (DeckTemplateException e)
        {
            error = e.Message;
            return null;
        }
    }

    private DeckTemplateValue Pipeline()
    {
        var value = Command(piped: null);
        while (TryConsume('|'))
            value = Command(piped: value);
        return value;
    }

    private DeckTemplateValue Command(DeckTemplateValue? piped)
    {
        SkipSpaces();
        if (!IsIdentifierStart(Peek()))
        {
            var literal = Operand();
            if (piped is not null)
                throw NotUnderstood("a value cannot take a piped argument");
            return literal;
        }

        var name = Identifier();
        var args = new List<DeckTemplateValue>();
        while (true)
        {
            SkipSpaces();
            if (_pos >= _text.Length || Peek() is '|' or ')')
                break;
            args.Add(Operand());
        }

        // Go passes a pipeline's previous value as the last argument.
        if (piped is not null)
            args.Add(piped);
        return Call(name, args);
    }

    private DeckTemplateValue Operand()
    {
        SkipSpaces();
        var c = Peek();
        if (c == '(')
        {
            _pos++;
            var inner = Pipeline();
            if (!TryConsume(')'))
                throw NotUnderstood("missing ')'");
            return inner;
        }

        if (c is '"' or '`')
            return new DeckTemplateValue(StringLiteral(), "a string literal");
        if (char.IsAsciiDigit(c) || (c is '-' or '+' && char.IsAsciiDigit(Peek(1))))
            return new DeckTemplateValue(IntLiteral(), "an integer literal");
        if (IsIdentifierStart(c))
            throw NotUnderstood($"'{Identifier()}' as an argument (call it in parentheses)");
        throw NotUnderstood(_pos >= _text.Length ? "the template is empty" : $"unexpected '{c}'");
    }

    private DeckTemplateValue Call(string name, List<DeckTemplateValue> args)
    {
        switch (name)
        {
            case "env":
                return Env(String(name, args, 0, 1));
            case "toBool":
                var boolText = String(name, args, 0, 1);
                return Convert(name, args[0], ParseGoBool(boolText), "a boolean");
            case "toInt":
                var intText = String(name, args, 0, 1);
                return Convert(name, args[0], ParseGoInt(intText), "an integer");
            case "toFloat":
                var floatText = String(name, args, 0, 1);
                return Convert(name, args[0], ParseGoFloat(floatText), "a number");
            case "indent":
                Arity(name, args, 2);
                if (args[0].Value is not long spaces || spaces is < 0 or > 1024)
                    throw Error($"indent: the first argument must be a small integer, got {args[0].TypeName}");
                var text = String(name, args, 1, 2);
                return new DeckTemplateValue(text.Replace("\n", "\n" + new string(' ', (int)spaces), StringComparison.Ordinal), args[1].Origin);
            default:
                throw NotUnderstood($"unknown function '{name}' (decK provides {Functions})");
        }
    }

    private DeckTemplateValue Env(string name)
    {
        if (!name.StartsWith(RequiredPrefix, StringComparison.Ordinal))
            throw Error($"environment variable '{name}' cannot be used: decK only substitutes variables whose names start with {RequiredPrefix}");
        var value = _getEnvironmentVariable(name) ?? throw Error($"environment variable '{name}' is not set");
        // decK would substitute nothing, which YAML reads as null: the error then blames the config field
        // ("must be set together") instead of the empty variable behind it.
        if (value.Length == 0)
            throw Error($"environment variable '{name}' is set but empty");
        return new DeckTemplateValue(value, $"environment variable '{name}'");
    }

    private static DeckTemplateValue Convert(string function, DeckTemplateValue input, object? converted, string expected) =>
        converted is null
            ? throw Error($"{function}: {input.Origin} is not {expected}")
            : new DeckTemplateValue(converted, input.Origin);

    private static string String(string function, List<DeckTemplateValue> args, int index, int arity)
    {
        Arity(function, args, arity);
        return args[index].Value as string
            ?? throw Error($"{function}: argument {index + 1} must be a string, got {args[index].TypeName}");
    }

    private static void Arity(string function, List<DeckTemplateValue> args, int arity)
    {
        if (args.Count != arity)
            throw Error($"{function} takes {arity} argument{(arity == 1 ? "" : "s")}, got {args.Count}");
    }

    // strconv.ParseBool's spellings.
    private static object? ParseGoBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    // strconv.Atoi: an optional sign and decimal digits, 64-bit.
    private static object? ParseGoInt(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    private static object? ParseGoFloat(string text) =>
        text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    private static string Print(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => GoFloatFormat.Format(d),
        _ => value.ToString() ?? "",
    };

    private string StringLiteral()
    {
        var quote = _text[_pos++];
        var result = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == quote)
                return result.ToString();
            if (c == '\\' && quote == '"')
            {
                if (_pos >= _text.Length)
                    break;
                var escaped = _text[_pos++];
                result.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    '\\' or '"' => escaped,
                    _ => throw NotUnderstood($"unsupported escape '\\{escaped}'"),
                });
                continue;
            }

            result.Append(c);
        }

        throw NotUnderstood("unterminated string");
    }

    private long IntLiteral()
    {
        var start = _pos;
        if (Peek() is '-' or '+')
            _pos++;
        while (char.IsAsciiDigit(Peek()))
            _pos++;
        if (IsIdentifierStart(Peek()) || Peek() == '.')
            throw NotUnderstood("only decimal integer literals are supported");
        return long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw NotUnderstood("integer literal out of range");
    }

    private string Identifier()
    {
        var start = _pos;
        while (IsIdentifierStart(Peek()) || char.IsAsciiDigit(Peek()))
            _pos++;
        return _text[start.._pos];
    }

    private bool TryConsume(char c)
    {
        SkipSpaces();
        if (Peek() != c)
            return false;
        _pos++;
        return true;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
            _pos++;
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private DeckTemplateException NotUnderstood(string detail) =>
        new($"template '${{{{{_text}}}}}' is not understood: {detail}");

    private static DeckTemplateException Error(string message) => new(message);
}
