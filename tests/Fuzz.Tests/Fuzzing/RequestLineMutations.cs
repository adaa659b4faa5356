using System.Text;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>Mutations of the request line: methods, targets and versions that parsers, routers and the
/// forwarded-header code disagree about.</summary>
internal static class RequestLineMutations
{
    private static readonly string[] Methods =
        ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "FOO", "G ET", "GET\0", "", "PRI", "M-SEARCH", "POST\r"];

    private static readonly string[] Versions =
        ["HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/1", "http/1.1", "", "HTTP/1.1 extra", "HTTP/1.1\0", "HTTP/9.9", "HTTP/1.10"];

    /// <summary>Path pieces appended under the route prefix: encodings of CR, LF, NUL, invalid escapes, non-ASCII
    /// bytes raw and encoded, dot segments, and a whole smuggled request.</summary>
    private static readonly string[] PathPieces =
    [
        "%00", "a%0d%0ab", "%0D%0AX-Injected:%20yes", "x%0d%0a%0d%0aGET%20/smuggled%20HTTP/1.1%0d%0aHost:%20x%0d%0a%0d%0a",
        "%0a", "%0d", "a%0d%0a%20b", "%zz", "%", "%2", "%g0", "caf%C3%A9", "%ff%fe", "%C0%AE%C0%AE/", "\u00e9", "caf\u00c3\u00a9", "\u0080\u00ff",
        "..%2f..%2fetc", "%2e%2e/x", "../../x", "//double//slash", "a b", "a\tb", "a;b=c", "a?q=%0d%0a", "a?x=%zz", "a#frag",
        "a%2fb", "%252e", "a?%00=1", "~user", "a\"b", "a<b>", "a\\b", "a%7f", "a\u007fb", "?", "a?q=caf\u00c3\u00a9",
    ];

    public static void Apply(RequestDraft draft, Random random, int port)
    {
        switch (random.Next(7))
        {
            case 0:
                draft.Method = Methods[random.Next(Methods.Length)];
                draft.Mutations.Add("method " + Show(draft.Method));
                break;
            case 1:
                draft.Version = Versions[random.Next(Versions.Length)];
                draft.Mutations.Add("version " + Show(draft.Version));
                break;
            case 2:
            case 3:
                var piece = PathPieces[random.Next(PathPieces.Length)];
                draft.Target = Prefix(draft) + "/" + piece;
                draft.Mutations.Add("target " + Show(draft.Target));
                break;
            case 4:
                draft.Target = random.Next(3) switch
                {
                    0 => $"http://127.0.0.1:{port}{draft.Target}",
                    1 => "*",
                    _ => "plain/no-leading-slash",
                };
                draft.Mutations.Add("target form " + Show(draft.Target));
                break;
            case 5:
                // Long targets probe the request-line limit and what a 414 looks like.
                var length = random.Next(2) == 0 ? random.Next(4_000, 9_000) : random.Next(9_000, 70_000);
                draft.Target = Prefix(draft) + "/" + new string('a', length);
                draft.Mutations.Add($"target of {length} bytes");
                break;
            default:
                (draft.Space, draft.LineEnd) = random.Next(3) switch
                {
                    0 => ("  ", draft.LineEnd),
                    1 => ("\t", draft.LineEnd),
                    _ => (draft.Space, "\n"),
                };
                draft.Mutations.Add($"separators {Show(draft.Space)} {Show(draft.LineEnd)}");
                break;
        }
    }

    public static string Prefix(RequestDraft draft) => draft.Route switch
    {
        FuzzRoute.Plain => "/plain",
        FuzzRoute.Ai => "/ai",
        _ => "/nowhere",
    };

    private static string Show(string text) => "\"" + Wire.WireParser.Escape(text, 80) + "\"";

    /// <summary>Random bytes ≥ 0x80 as Latin-1 characters, so they go on the wire raw.</summary>
    public static string HighBytes(Random random, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)random.Next(0x80, 0x100));
        }

        return builder.ToString();
    }
}
