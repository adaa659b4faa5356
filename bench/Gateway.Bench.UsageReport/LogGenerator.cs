using System.Globalization;
using System.Text;

namespace Gateway.Bench.UsageReport;

/// <summary>
/// Writes file-log lines shaped like the gateway's real ones (docs/plugins/file-log.md: Claude Code's 18 request
/// headers, route, service, tries, ai.proxy.meta and usage; about 2.6 KB each) over 30 days, 3 models and 2,000
/// sessions, with 1% lines without ai (Kong's 404s) and 0.1% malformed lines. Seeded, so runs are comparable.
/// </summary>
internal static class LogGenerator
{
    private static readonly string[] Models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805"];

    private const string AiTemplate = """{"request":{"id":"@id@","uri":"/anything/v1/messages?beta=true","url":"http://localhost:8000/anything/v1/messages?beta=true","querystring":{"beta":"true"},"method":"POST","headers":{"accept":"application/json","connection":"keep-alive","host":"localhost:8000","user-agent":"claude-cli/2.1.328 (external, sdk-cli)","accept-encoding":"identity","content-type":"application/json","content-length":"87427","x-claude-code-session-id":"@session@","x-stainless-arch":"x64","x-stainless-lang":"js","x-stainless-os":"Linux","x-stainless-package-version":"0.128.0","x-stainless-retry-count":"0","x-stainless-runtime":"node","x-stainless-runtime-version":"v26.12.1","x-stainless-timeout":"600","anthropic-beta":"claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27","anthropic-dangerous-direct-browser-access":"true","anthropic-version":"2023-06-01","x-api-key":"REDACTED","x-app":"cli"},"size":88257},"upstream_uri":"/v1/messages?beta=true","upstream_status":"@status@","response":{"status":@status@,"headers":{"content-type":"text/event-stream; charset=utf-8","server":"Kestrel","cache-control":"no-cache","transfer-encoding":"chunked","x-kong-request-id":"@id@","x-kong-llm-model":"anthropic/@model@"},"size":4197},"latencies":{"kong":1,"proxy":@ttft@,"request":@request_latency@,"receive":42},"tries":[{"balancer_start":@startedAt@,"ip":"127.0.0.1","port":9000,"balancer_latency":0}],"route":{"id":"c906c7e1-f5f2-5d2a-ad60-89f7eb9aabb2","name":"example-route","protocols":["http","https"],"paths":["/anything"],"strip_path":true,"preserve_host":false,"regex_priority":0,"path_handling":"v0","https_redirect_status_code":426,"request_buffering":true,"response_buffering":true,"service":{"id":"22affea3-a772-5a41-870f-510f9daca4df"},"tags":[],"ws_id":"00000000-0000-0000-0000-000000000000"},"service":{"id":"22affea3-a772-5a41-870f-510f9daca4df","name":"example-service","protocol":"http","host":"httpbin.konghq.com","port":80,"path":"/anything","retries":5,"connect_timeout":60000,"read_timeout":60000,"write_timeout":60000,"enabled":true,"tags":[],"ws_id":"00000000-0000-0000-0000-000000000000"},"client_ip":"127.0.0.1","started_at":@startedAt@,"source":"upstream","ai":{"proxy":{"meta":{"plugin_id":"6475d991-9fe6-5a22-a4c7-7865c0120dd1","provider_name":"anthropic","request_model":"@model@","response_model":"@model@","llm_latency":@llm_latency@,"request_mode":"stream"@error@},"usage":{"prompt_tokens":@prompt@,"completion_tokens":@output@,"total_tokens":@total@,"cost":@cost@,"time_per_token":21.9,"time_to_first_token":@ttft@,"prompt_tokens_details":{"cached_tokens":@cacheRead@,"cache_creation_tokens":@cacheWrite@},"completion_tokens_details":{}}}}}""";

    public static GeneratedTotals Write(string path, long targetBytes)
    {
        var random = new Random(12);
        var totals = new GeneratedTotals();
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var sessions = Enumerable.Range(0, 2000).Select(i => new Guid(i, 0x3123, 0x4895, 0x83, 0x0b, 0x03, 0x75, 0xd9, 0xac, 0xea, 0xdb).ToString()).ToArray();
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        long written = 0;
        var line = new StringBuilder(4096);
        while (written < targetBytes)
        {
            line.Clear();
            var roll = random.Next(1000);
            var startedAt = start + (long)(random.NextDouble() * 30 * 86_400_000L);
            if (roll < 10)
            {
                line.Append(CultureInfo.InvariantCulture, $$"""{"request":{"id":"{{Guid.NewGuid():N}}","uri":"/nowhere","method":"GET","headers":{"host":"localhost:8000","user-agent":"curl/8.5.0"},"size":80},"upstream_uri":"","upstream_status":"","response":{"status":404,"headers":{"content-type":"application/json; charset=utf-8"},"size":120},"latencies":{"kong":0,"proxy":-1,"request":0,"receive":0},"client_ip":"127.0.0.1","started_at":{{startedAt}},"source":"kong"}""");
                totals.WithoutAi++;
            }
            else if (roll < 11)
            {
                line.Append("{\"request\":{\"id\":\"cut-short\",\"headers\":{\"x-claude-code-session-id\":\"");
                totals.Malformed++;
            }
            else
            {
                AppendAiLine(line, random, startedAt, sessions[random.Next(sessions.Length)], Models[random.Next(Models.Length)], totals);
                totals.AiLines++;
            }

            line.Append('\n');
            file.Write(line);
            written += Encoding.UTF8.GetByteCount(line.ToString());
            totals.Lines++;
        }

        return totals;
    }

    private static string Text<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static void AppendAiLine(StringBuilder line, Random random, long startedAt, string session, string model, GeneratedTotals totals)
    {
        var failed = random.Next(100) < 2;
        var input = failed ? 0 : random.Next(1, 4000);
        var cacheWrite = failed ? 0 : random.Next(0, 8000);
        var cacheRead = failed ? 0 : random.Next(0, 90_000);
        var output = failed ? 0 : random.Next(1, 2000);
        var prompt = input + cacheWrite + cacheRead;
        var cost = Math.Round((input * 3m + output * 15m + cacheRead * 0.3m + cacheWrite * 3.75m) / 1_000_000m, 6);
        var ttft = failed ? 0 : random.Next(150, 6000);
        var status = failed ? 529 : 200;
        totals.InputTokens += input;
        totals.OutputTokens += output;
        totals.CacheWriteTokens += cacheWrite;
        totals.CacheReadTokens += cacheRead;
        totals.Cost += cost;
        totals.Errors += failed ? 1 : 0;
        var error = failed ? ""","response_error":{"type":"overloaded_error","message":"Overloaded"}""" : "";
        line.Append(AiTemplate
            .Replace("@id@", Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("@cacheRead@", Text(cacheRead), StringComparison.Ordinal)
            .Replace("@cacheWrite@", Text(cacheWrite), StringComparison.Ordinal)
            .Replace("@cost@", Text(cost), StringComparison.Ordinal)
            .Replace("@error@", error, StringComparison.Ordinal)
            .Replace("@model@", model, StringComparison.Ordinal)
            .Replace("@output@", Text(output), StringComparison.Ordinal)
            .Replace("@prompt@", Text(prompt), StringComparison.Ordinal)
            .Replace("@total@", Text(prompt + output), StringComparison.Ordinal)
            .Replace("@session@", session, StringComparison.Ordinal)
            .Replace("@startedAt@", Text(startedAt), StringComparison.Ordinal)
            .Replace("@status@", Text(status), StringComparison.Ordinal)
            .Replace("@ttft@", Text(ttft), StringComparison.Ordinal)
            .Replace("@llm_latency@", Text(ttft + 40), StringComparison.Ordinal)
            .Replace("@request_latency@", Text(ttft + 50), StringComparison.Ordinal));
    }
}
