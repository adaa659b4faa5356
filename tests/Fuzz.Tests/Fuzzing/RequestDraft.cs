using System.Text;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>A request under construction: a valid one first, then mutations edit its parts in place. Text is
/// Latin-1 so a mutation can put any byte anywhere.</summary>
internal sealed class RequestDraft
{
    public RequestDraft(string tag, FuzzRoute route, string method, string target)
    {
        Tag = tag;
        Route = route;
        Method = method;
        Target = target;
        HeaderLines.Add("Host: gateway.test");
        HeaderLines.Add("X-Fuzz-Case: " + tag);
    }

    public string Tag { get; }

    public FuzzRoute Route { get; }

    public string Method { get; set; }

    public string Target { get; set; }

    public string Version { get; set; } = "HTTP/1.1";

    /// <summary>The separator between method, target and version.</summary>
    public string Space { get; set; } = " ";

    /// <summary>The line ending of the head; a mutation may make it a bare LF.</summary>
    public string LineEnd { get; set; } = "\r\n";

    public List<string> HeaderLines { get; } = [];

    /// <summary>The body bytes exactly as written after the head (already framed).</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>The de-framed body the upstream should get; null once a mutation broke the framing.</summary>
    public byte[]? Payload { get; set; } = [];

    /// <summary>Bytes after the request: a pipelined request or garbage.</summary>
    public byte[] Trailing { get; set; } = [];

    public List<string> Mutations { get; } = [];

    public void SetHeader(string name, string value)
    {
        HeaderLines.RemoveAll(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        HeaderLines.Add($"{name}: {value}");
    }

    public void RemoveHeader(string name) => HeaderLines.RemoveAll(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>Gives the request a body with a correct Content-Length.</summary>
    public void WithLengthBody(byte[] payload)
    {
        RemoveHeader("Transfer-Encoding");
        SetHeader("Content-Length", payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Body = payload;
        Payload = payload;
    }

    /// <summary>Gives the request a correctly chunked body, cut at the given sizes.</summary>
    public void WithChunkedBody(byte[] payload, Random random)
    {
        RemoveHeader("Content-Length");
        SetHeader("Transfer-Encoding", "chunked");
        Body = Chunk(payload, random);
        Payload = payload;
    }

    public static byte[] Chunk(byte[] payload, Random random)
    {
        var body = new MemoryStream();
        var at = 0;
        while (at < payload.Length)
        {
            var size = Math.Min(payload.Length - at, random.Next(1, 64));
            body.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            body.Write(payload, at, size);
            body.Write("\r\n"u8);
            at += size;
        }

        body.Write("0\r\n\r\n"u8);
        return body.ToArray();
    }

    public FuzzRequest Build()
    {
        var head = Method + Space + Target + (Version.Length > 0 ? Space + Version : "") + LineEnd
            + string.Concat(HeaderLines.Select(l => l + LineEnd)) + LineEnd;
        byte[] bytes = [.. Encoding.Latin1.GetBytes(head), .. Body, .. Trailing];
        var headers = HeaderLines
            .Select(l => l.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
                ? new WireHeader(l[..colon], l[(colon + 1)..].Trim(' ', '\t'))
                : new WireHeader(l, ""))
            .ToList();
        return new FuzzRequest(Tag, Route, Method, Target, headers, bytes, Payload, Mutations.Count == 0 ? ["valid"] : [.. Mutations]);
    }
}
