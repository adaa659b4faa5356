using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.AnthropicToOpenAi;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi.AnthropicClientSupport;

namespace Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi;

/// <summary>Anthropic Messages in, Chat Completions out: one row per mapping rule.</summary>
public sealed class MessagesToChatTests
{
    public static TheoryData<string, string, string> Mappings => new()
    {
        {
            "system blocks (cache_control dropped) joined into one system message; stream asks for usage",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":32000,"stream":true,"system":[{"type":"text","text":"You are Claude Code."},{"type":"text","text":"Be terse.","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]}""",
            """{"model":"qwen3-coder","messages":[{"role":"system","content":"You are Claude Code.\n\nBe terse."},{"role":"user","content":"hi"}],"max_tokens":32000,"stream":true,"stream_options":{"include_usage":true}}"""
        },
        {
            "tool round trip: tool_use → tool_calls (ids kept), tool_result → role tool first, then the turn's text; thinking dropped",
            """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"list"}]},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},{"type":"text","text":"Running."},{"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":[{"type":"text","text":"a.txt"}]},{"type":"text","text":"go on"}]}]}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":[{"type":"text","text":"list"}]},{"role":"assistant","content":"Running.","tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"ls\"}"}}]},{"role":"tool","tool_call_id":"toolu_01","content":"a.txt"},{"role":"user","content":[{"type":"text","text":"go on"}]}],"max_tokens":10}"""
        },
        {
            "images: base64 → data URL, url → URL",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}],"max_tokens":5}"""
        },
        {
            "tools → functions; tool_choice any → required; disable_parallel_tool_use → parallel_tool_calls false; server tools and defer_loading dropped",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"Bash","description":"Run","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"},"defer_loading":true},{"type":"web_search_20250305","name":"web_search"}],"tool_choice":{"type":"any","disable_parallel_tool_use":true}}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":"x"}],"max_tokens":5,"tools":[{"type":"function","function":{"name":"Bash","description":"Run","parameters":{"type":"object"}}}],"tool_choice":"required","parallel_tool_calls":false}"""
        },
        {
            "tool_choice tool → the named function",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"Bash","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"Bash"}}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":"x"}],"max_tokens":5,"tools":[{"type":"function","function":{"name":"Bash","parameters":{"type":"object"}}}],"tool_choice":{"type":"function","function":{"name":"Bash"}}}"""
        },
        {
            "thinking budget 31999 → reasoning_effort high; stop_sequences → stop; temperature and top_p kept; top_k, metadata, context_management dropped",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"thinking":{"type":"enabled","budget_tokens":31999},"stop_sequences":["END"],"temperature":0.5,"top_p":0.9,"top_k":40,"metadata":{"user_id":"u"},"context_management":{"edits":[]}}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":"x"}],"max_tokens":5,"temperature":0.5,"top_p":0.9,"stop":["END"],"reasoning_effort":"high"}"""
        },
        {
            "thinking budget 2000 → low, 8000 → medium",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"thinking":{"type":"enabled","budget_tokens":2000}}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":"x"}],"max_tokens":5,"reasoning_effort":"low"}"""
        },
        {
            "structured output → response_format json_schema (strict)",
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}}""",
            """{"model":"qwen3-coder","messages":[{"role":"user","content":"x"}],"max_tokens":5,"response_format":{"type":"json_schema","json_schema":{"name":"output","schema":{"type":"object","properties":{"n":{"type":"integer"}}},"strict":true}}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public async Task Translate_MapsEachRule(string rule, string anthropic, string expected)
    {
        var sent = await UpstreamBodyAsync(anthropic);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), sent), $"{rule}\nexpected {expected}\nactual   {sent.ToJsonString()}");
    }

    [Fact]
    public void Translate_ApiOpenAiCom_UsesMaxCompletionTokens()
    {
        // api.openai.com cannot be played by the test's upstream (an upstream_url makes it another server), so the
        // translator the access phase calls is run directly on the bound config.
        var config = PluginConfig.Bind<AiProxyConfig>(Config(name: "gpt-5-mini").ToJsonString());

        var error = MessagesToChatTranslator.Translate(Encoding.UTF8.GetBytes("""{"model":"m","max_tokens":7,"messages":[{"role":"user","content":"x"}]}"""), config, out var translated);

        Assert.Null(error);
        var sent = JsonNode.Parse(translated!.Body)!;
        Assert.Equal(7, sent["max_completion_tokens"]!.GetValue<int>());
        Assert.Null(sent["max_tokens"]);
    }

    [Fact]
    public async Task Translate_LocalServer_KeepsMaxTokens()
    {
        var sent = await UpstreamBodyAsync("""{"model":"m","max_tokens":7,"messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(7, sent["max_tokens"]!.GetValue<int>());
        Assert.Null(sent["max_completion_tokens"]);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", "qwen3-coder-30b")]
    [InlineData("claude-haiku-4-5-20251001", "qwen3-4b")]
    [InlineData("claude-opus-4-1", "fallback-model")]
    public async Task ModelAliases_MapClaudeCodesModelsAndTheRestGoToModelName(string requested, string backend)
    {
        var config = Config(options: """{"model_aliases":{"claude-sonnet-4-5-20250929":"qwen3-coder-30b","claude-haiku-4-5-20251001":"qwen3-4b"}}""", name: "fallback-model");

        var sent = await UpstreamBodyAsync($$"""{"model":"{{requested}}","max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", config);

        Assert.Equal(backend, sent["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Access_PointsAtTheChatPathWithTheBearerAndWithoutAnthropicHeadersOrBetaQuery()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest()); // to /v1/messages?beta=true

        var sent = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("/v1/chat/completions", sent.PathAndQuery);
        Assert.Equal("Bearer sk-local", sent.Headers["Authorization"]);
        Assert.False(sent.Headers.ContainsKey("x-api-key"));
        Assert.False(sent.Headers.ContainsKey("anthropic-version"));
        Assert.False(sent.Headers.ContainsKey("anthropic-beta"));
    }

    [Fact]
    public async Task Azure_GoesToTheDeploymentWithApiVersionInsteadOfClaudeCodesBetaQuery()
    {
        var config = Config(provider: "azure", name: "gpt-4o", auth: """{"header_name":"api-key","header_value":"k"}""",
            options: """{"azure_instance":"contoso","azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}""");
        await using var gateway = await StartAsync(config, upstreamPath: "");

        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest());

        var sent = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", sent.PathAndQuery);
        Assert.Equal("k", sent.Headers["api-key"]);
        Assert.Equal(32000, JsonNode.Parse(sent.Body.Span)!["max_completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void Azure_WithoutUpstreamUrl_IsTheInstancesHost()
    {
        var config = PluginConfig.Bind<AiProxyConfig>(Config(provider: "azure", name: "gpt-4o", auth: """{"header_name":"api-key","header_value":"k"}""",
            options: """{"azure_instance":"contoso","azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}""").ToJsonString());

        var endpoint = OpenAiEndpoint.Parse(config.ValidModel);

        Assert.Equal(("https", "contoso.openai.azure.com", 443), (endpoint.Scheme, endpoint.Host, endpoint.Port));
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", endpoint.ChatPath + endpoint.Query);
    }

    [Fact]
    public async Task DroppedFields_AreLoggedAtDebugLevelByName()
    {
        var logs = new ListLoggerProvider();
        await using var gateway = await StartAsync(configure: o => o.AddLoggerProvider(logs)
            .ConfigureServices(s => s.Configure<LoggerFilterOptions>(f => f.Rules.Add(new LoggerFilterRule(null, typeof(AiProxyPlugin).FullName, LogLevel.Debug, null)))));

        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body:
            """{"model":"m","max_tokens":5,"metadata":{"user_id":"u"},"context_management":{"edits":[]},"messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":{"type":"ephemeral"}}]}]}"""));

        var entry = Assert.Single(logs.Entries, e => e.Id == 40);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("ai-proxy dropped Anthropic-only request fields with no equivalent for provider 'openai': cache_control, context_management, metadata", entry.Message);
    }

    [Fact]
    public async Task Logs_BothTheClientsAndTheBackendsModel()
    {
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(200, "application/json",
            [Encoding.UTF8.GetBytes("""{"id":"c","object":"chat.completion","model":"Qwen/Qwen3-Coder","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""")]));

        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest());

        var meta = (await gateway.NextLogEntryAsync()).AiProxy()!["meta"]!;
        Assert.Equal("qwen3-coder", meta["request_model"]!.GetValue<string>());
        Assert.Equal("claude-sonnet-4-5-20250929", meta["client_model"]!.GetValue<string>());
        Assert.Equal("Qwen/Qwen3-Coder", meta["response_model"]!.GetValue<string>());
        Assert.Equal("openai", meta["provider_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CountTokens_IsAnsweredLocallyAsGpt4oCountsTheChat()
    {
        const string Short = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hello world"}]}""";
        const string Longer = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hello world, and a much longer question about the repository"}]}""";

        var shortCount = await CountAsync(Short);
        var longerCount = await CountAsync(Longer);

        // GPT-4o's prompt_tokens: 3 for the message, user|hello| world in o200k_base, 3 priming the reply; the
        // added ", and a much … repository" is 9 more. The backend's model name is not counted.
        Assert.Equal(9, shortCount);
        Assert.Equal(shortCount + 9, longerCount);
    }

    [Fact]
    public async Task CountTokens_ToolDefinitionsCountedAsOpenAisFunctionNamespace()
    {
        const string Body = """
            {"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object",
               "properties":{"command":{"type":"string","description":"The command"},"mode":{"type":"string","enum":["fast","safe"]}},
               "required":["command"]}}]}
            """;

        var count = await CountAsync(Body);

        // 8 for the chat ("hi"), 37 for the namespace OpenAI renders the tool in (gpt-tokenizer's encode of
        // "namespace functions {\n\n// Run a command\ntype Bash = (_: {\n// The command\ncommand: string,\n
        // mode?: \"fast\" | \"safe\",\n}) => any;\n\n} // namespace functions"), 9 for the tools block;
        // gpt-tokenizer's countChatCompletionTokens says 54 for the same request.
        Assert.Equal(8 + 37 + 9, count);
    }

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/v1/complete")]
    public async Task OtherPaths_AreRefusedInAnthropicShapeNamingTheProvider(string path)
    {
        await using var gateway = await StartAsync();

        var (response, body) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(path: path));

        Assert.Equal(404, (int)response.StatusCode);
        var error = JsonNode.Parse(body)!;
        Assert.Equal("not_found_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Contains("'openai' speaks OpenAI Chat Completions", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(gateway.UpstreamRequests);
    }

    [Fact]
    public async Task NoPrompt_IsRefusedWithKongsMessageInAnthropicShape()
    {
        await using var gateway = await StartAsync();

        var (response, body) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: """{"model":"m","messages":[]}"""));

        gateway.AssertExit(response, body, 400, "invalid_request_error", "request body doesn't contain valid prompts");
    }

    private static async Task<int> CountAsync(string body)
    {
        await using var gateway = await StartAsync();
        var (response, json) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(path: "/v1/messages/count_tokens", body: body));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(gateway.UpstreamRequests);
        return JsonNode.Parse(json)!["input_tokens"]!.GetValue<int>();
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(int Id, LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(int Id, LogLevel Level, string Message)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(_entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(int Id, LogLevel Level, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
