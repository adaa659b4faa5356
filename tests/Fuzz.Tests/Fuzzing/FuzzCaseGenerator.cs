using System.Text;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>
/// Builds case <c>id</c> of a seeded run. Each case has its own <see cref="Random"/> derived from the seed and the
/// id, so one failing case can be regenerated on its own without replaying the run before it.
/// </summary>
internal static class FuzzCaseGenerator
{
    public const string AiModel = "claude-sonnet-4-5-20250929";

    private const string SafeChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~";

    public static FuzzCase Generate(int seed, int id, int gatewayPort)
    {
        var random = new Random(unchecked((seed * 1_000_003) + id));
        var drafts = new List<RequestDraft>();
        var stalls = false;
        if (random.Next(4) == 0)
        {
            drafts.Add(Valid(random, id, drafts.Count));
        }

        // One in eight cases is all valid traffic: the baseline every invariant must also hold for.
        if (random.Next(8) == 0)
        {
            drafts.Add(Valid(random, id, drafts.Count));
        }
        else
        {
            var draft = Valid(random, id, drafts.Count);
            var kinds = random.Next(1, 3);
            for (var k = 0; k < kinds; k++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        RequestLineMutations.Apply(draft, random, gatewayPort);
                        break;
                    case 1:
                        HeaderMutations.Apply(draft, random);
                        break;
                    default:
                        stalls |= BodyMutations.Apply(draft, random);
                        break;
                }
            }

            drafts.Add(draft);
        }

        if (!stalls && random.Next(3) == 0)
        {
            drafts.Add(Valid(random, id, drafts.Count));
        }

        var requests = drafts.Select(d => d.Build()).ToList();
        byte[] bytes = [.. requests.SelectMany(r => r.Bytes)];
        var abort = stalls || random.Next(12) == 0;
        if (abort && !stalls && bytes.Length > 1)
        {
            // A client that leaves mid-request, anywhere.
            bytes = bytes[..random.Next(1, bytes.Length)];
        }

        return new FuzzCase(id, requests, Split(bytes, random, abort), abort);
    }

    /// <summary>A request every gateway must proxy: the traffic fuzzed requests are mixed with.</summary>
    public static RequestDraft Valid(Random random, int id, int index)
    {
        var tag = $"{id}.{index}";
        var roll = random.Next(10);
        var route = roll < 6 ? FuzzRoute.Plain : roll < 9 ? FuzzRoute.Ai : FuzzRoute.Unrouted;
        RequestDraft draft;
        if (route == FuzzRoute.Ai)
        {
            draft = new RequestDraft(tag, route, "POST", "/ai/v1/messages");
            draft.SetHeader("Content-Type", "application/json");
            draft.SetHeader("anthropic-version", "2023-06-01");
            draft.WithLengthBody(Encoding.UTF8.GetBytes(
                $$"""{"model":"{{AiModel}}","max_tokens":16,"messages":[{"role":"user","content":"fuzz {{tag}}"}]}"""));
        }
        else
        {
            var prefix = route == FuzzRoute.Plain ? "/plain" : "/nowhere";
            var method = random.Next(4) switch
            {
                0 => "POST",
                1 => "PUT",
                2 => "HEAD",
                _ => "GET",
            };
            draft = new RequestDraft(tag, route, method, $"{prefix}/{Word(random)}/{Word(random)}?q={Word(random)}");
            if (method is "POST" or "PUT")
            {
                var payload = Encoding.ASCII.GetBytes($"{{\"case\":\"{tag}\",\"fill\":\"{new string('x', random.Next(0, 300))}\"}}");
                if (random.Next(2) == 0)
                {
                    draft.WithLengthBody(payload);
                }
                else
                {
                    draft.WithChunkedBody(payload, random);
                }
            }
        }

        if (random.Next(2) == 0)
        {
            foreach (var (name, value) in Secrets.ClientHeaders)
            {
                draft.SetHeader(name, value);
            }
        }

        return draft;
    }

    private static string Word(Random random)
    {
        var chars = new char[random.Next(1, 12)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = SafeChars[random.Next(SafeChars.Length)];
        }

        return new string(chars);
    }

    private static List<Segment> Split(byte[] bytes, Random random, bool abort)
    {
        var cuts = random.Next(10) < 7 || bytes.Length < 2
            ? []
            : Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, bytes.Length)).Distinct().Order().ToList();
        var segments = new List<Segment>();
        var at = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            segments.Add(new Segment(bytes[at..cut], random.Next(0, 25)));
            at = cut;
        }

        if (abort)
        {
            // Leave only after the gateway has had time to start on the request: a stalled, then vanished, client.
            segments[^1] = segments[^1] with { PauseAfterMs = random.Next(150, 600) };
        }

        return segments;
    }
}
