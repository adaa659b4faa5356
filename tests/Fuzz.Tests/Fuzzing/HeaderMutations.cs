using System.Globalization;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>Mutations of the header section: framing conflicts (the request-smuggling classics), broken syntax,
/// sizes past the limits, and values the forwarded request must not carry on verbatim.</summary>
internal static class HeaderMutations
{
    private static readonly string[] BadLengths = ["-1", "abc", "1 2", "+5", "0x10", "99999999999999999999", "5, 6", "", "1.0", "\u00b9"];

    private static readonly string[] TransferEncodings =
        ["gzip, chunked", "chunked, gzip", "chunked, chunked", "Chunked", " chunked", "identity", "gzip", "xchunked", "chunked\t", "chunked;q=1", "deflate,chunked"];

    public static void Apply(RequestDraft draft, Random random)
    {
        var payload = draft.Payload ?? [];
        switch (random.Next(16))
        {
            case 0:
                draft.WithLengthBody(payload);
                draft.HeaderLines.Add($"Content-Length: {payload.Length + random.Next(1, 9)}");
                draft.Payload = null;
                draft.Mutations.Add("two different Content-Lengths");
                break;
            case 1:
                // CL+TE: the request-smuggling classic; the upstream must never see both or a renamed one.
                draft.WithChunkedBody(payload, random);
                draft.HeaderLines.Add($"Content-Length: {random.Next(0, payload.Length + 5)}");
                draft.Mutations.Add("Content-Length and Transfer-Encoding");
                break;
            case 2:
                draft.WithLengthBody(payload);
                var bad = BadLengths[random.Next(BadLengths.Length)];
                draft.SetHeader("Content-Length", bad);
                draft.Payload = null;
                draft.Mutations.Add($"Content-Length \"{bad}\"");
                break;
            case 3:
                draft.WithChunkedBody(payload, random);
                var te = TransferEncodings[random.Next(TransferEncodings.Length)];
                draft.SetHeader("Transfer-Encoding", te);
                draft.Payload = null;
                draft.Mutations.Add($"Transfer-Encoding \"{te}\"");
                break;
            case 4:
                draft.HeaderLines.Add("X-Fold: first");
                draft.HeaderLines.Add(" folded-continuation");
                draft.Mutations.Add("obs-fold");
                break;
            case 5:
                var control = random.Next(4) switch
                {
                    0 => "\0",
                    1 => "\r",
                    2 => "\n",
                    _ => "\u007f",
                };
                draft.HeaderLines.Add($"X-Control: a{control}b");
                draft.Mutations.Add($"header value with {Wire.WireParser.Escape(control)}");
                break;
            case 6:
                var line = random.Next(4) switch
                {
                    0 => "X-No-Colon value",
                    1 => "X-Space-Before : value",
                    2 => ": empty-name",
                    _ => "X(paren): value",
                };
                draft.HeaderLines.Add(line);
                draft.Mutations.Add($"header line \"{line}\"");
                break;
            case 7:
                var size = random.Next(2) == 0 ? random.Next(8_000, 30_000) : random.Next(30_000, 120_000);
                draft.HeaderLines.Add("X-Huge: " + new string('h', size));
                draft.Mutations.Add($"header value of {size} bytes");
                break;
            case 8:
                var count = random.Next(100, 400);
                for (var i = 0; i < count; i++)
                {
                    draft.HeaderLines.Add($"X-Many-{i}: {i}");
                }

                draft.Mutations.Add($"{count} headers");
                break;
            case 9:
                draft.HeaderLines.Add("X-High-Bytes: " + RequestLineMutations.HighBytes(random, random.Next(1, 12)));
                draft.Mutations.Add("header value with bytes >= 0x80");
                break;
            case 10:
                var host = random.Next(5) switch
                {
                    0 => null,
                    1 => "a b",
                    2 => "[::1",
                    3 => "x\u007f",
                    _ => "evil.test",
                };
                if (host is null)
                {
                    draft.RemoveHeader("Host");
                }
                else if (host == "evil.test")
                {
                    draft.HeaderLines.Add("Host: " + host);
                }
                else
                {
                    draft.SetHeader("Host", host);
                }

                draft.Mutations.Add(host is null ? "no Host" : host == "evil.test" ? "two Hosts" : $"Host \"{Wire.WireParser.Escape(host)}\"");
                break;
            case 11:
                draft.SetHeader("Expect", "100-continue");
                draft.Mutations.Add("Expect: 100-continue");
                break;
            case 12:
                var hop = random.Next(4) switch
                {
                    0 => "Connection: close, X-Hop",
                    1 => "Upgrade: websocket",
                    2 => "TE: trailers",
                    _ => "Connection: keep-alive, Transfer-Encoding",
                };
                draft.HeaderLines.Add(hop);
                draft.HeaderLines.Add("X-Hop: hop-value");
                draft.Mutations.Add($"hop-by-hop \"{hop}\"");
                break;
            case 13:
                // Client-supplied forwarding headers: the gateway appends to or replaces them, never passes CR/LF on.
                var forwarded = random.Next(3) switch
                {
                    0 => "X-Forwarded-For: 10.0.0.1",
                    1 => "X-Forwarded-Path: /spoofed",
                    _ => "X-Forwarded-Host: spoofed.test",
                };
                draft.HeaderLines.Add(forwarded);
                draft.Mutations.Add($"client \"{forwarded}\"");
                break;
            case 14:
                // Secrets under odd spellings and duplicated: redaction is by name, case-insensitively, every value.
                var (name, value) = Secrets.ClientHeaders[random.Next(Secrets.ClientHeaders.Count)];
                draft.HeaderLines.Add($"{name.ToUpperInvariant()}: {value}");
                draft.HeaderLines.Add($"{name.ToLowerInvariant()}: {value}");
                draft.Mutations.Add($"duplicated {name}");
                break;
            default:
                draft.HeaderLines.Add("X-Dup: one");
                draft.HeaderLines.Add("X-Dup: two");
                draft.HeaderLines.Add("x-dup: " + random.Next(1000).ToString(CultureInfo.InvariantCulture));
                draft.Mutations.Add("repeated X-Dup");
                break;
        }
    }
}
