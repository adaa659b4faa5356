using System.Text;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using static Gateway.Plugins.AiProxy.Tests.OpenAiUpstream.OpenAiProviderSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary>The usage an OpenAI-compatible provider reports is published to other plugins (<see cref="AiContextKeys.Usage"/>)
/// from ai-proxy's body filter, as for Anthropic: a budget whose log phase runs before ai-proxy's sees it.</summary>
public sealed class OpenAiProviderSharedUsageTests
{
    private const string Request =
        """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""";

    private const string Content = """data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}],"usage":null}""" + "\n\n";
    private const string Usage = """data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4.1-mini-2025-04-14","choices":[],"usage":{"prompt_tokens":2048,"completion_tokens":12,"total_tokens":2060,"prompt_tokens_details":{"cached_tokens":1024}}}""" + "\n\n";

    [Fact]
    public async Task FinishedStream_EarlierLogPhaseSeesTheProvidersUsage()
    {
        await using var gateway = await StartProbedAsync(AiProxyGateway.Respond(200, "text/event-stream",
            [Encoding.UTF8.GetBytes(Content + Usage + "data: [DONE]\n\n")]));

        await gateway.SendAsync(Probed(nameof(FinishedStream_EarlierLogPhaseSeesTheProvidersUsage)));
        await gateway.NextLogEntryAsync();

        var usage = UsageProbePlugin.Seen[nameof(FinishedStream_EarlierLogPhaseSeesTheProvidersUsage)];
        Assert.NotNull(usage);
        Assert.Equal(("openai", "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"), (usage.Provider, usage.RequestModel, usage.ResponseModel));
        Assert.Equal((2048, 12, 1024, 0), (usage.PromptTokens, usage.CompletionTokens, usage.CacheReadTokens, usage.CacheWriteTokens));
        Assert.True(usage.Streaming);
        Assert.False(usage.Incomplete);
    }

    [Fact]
    public async Task ClientLeavesAfterTheUsageChunk_EarlierLogPhaseStillSeesIt()
    {
        // The provider sends its usage, then neither [DONE] nor the end of the body: the client leaves first.
        await using var gateway = await StartProbedAsync(AiProxyGateway.RespondAndHang("text/event-stream", [Encoding.UTF8.GetBytes(Content + Usage)]));

        using (var request = Probed(nameof(ClientLeavesAfterTheUsageChunk_EarlierLogPhaseStillSeesIt)))
        {
            using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            while (!seen.ToString().Contains("\"prompt_tokens\"", StringComparison.Ordinal))
            {
                var read = await body.ReadAsync(buffer);
                Assert.True(read > 0, "the stream ended before the usage chunk");
                seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        await gateway.NextLogEntryAsync();

        var usage = UsageProbePlugin.Seen[nameof(ClientLeavesAfterTheUsageChunk_EarlierLogPhaseStillSeesIt)];
        Assert.NotNull(usage);
        Assert.Equal((2048, 12, 1024), (usage.PromptTokens, usage.CompletionTokens, usage.CacheReadTokens));
        Assert.True(usage.Incomplete);
    }

    private static Task<PluginTestGateway> StartProbedAsync(Func<Microsoft.AspNetCore.Http.HttpContext, Task> upstream) =>
        AiProxyGateway.StartAsync(OpenAiProvider(), upstream, o => o.AddPlugin<UsageProbePlugin>(),
            plugins: "plugins:\n  - name: usage-probe\n");

    private static HttpRequestMessage Probed(string id)
    {
        var request = ChatRequest(Request);
        request.Headers.TryAddWithoutValidation(UsageProbePlugin.Header, id);
        return request;
    }
}
