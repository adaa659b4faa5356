using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAi.OpenAiSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>Chat Completions bodies become Anthropic Messages bodies, rule by rule (docs/plugins/ai-proxy.md).</summary>
public sealed class ChatRequestTranslationTests
{
    private const string Model = "claude-sonnet-4-5-20250929";

    public static TheoryData<string, string, string> Mappings => new()
    {
        {
            "plain user text; default max_tokens; model written in",
            """{"messages":[{"role":"user","content":"hi"}]}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""
        },
        {
            "every system and developer message kept, in order, hoisted out of messages",
            """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"},{"role":"developer","content":[{"type":"text","text":"Use French."},{"type":"text","text":"No emoji."}]}]}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Use French."},{"type":"text","text":"No emoji."}],"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""
        },
        {
            "images: data URL to a base64 source, https URL to a url source",
            """{"messages":[{"role":"user","content":[{"type":"text","text":"compare"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"compare"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]}"""
        },
        {
            "tools, tool_choice required, parallel_tool_calls false",
            """{"messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}},{"type":"function","function":{"name":"now"}}],"tool_choice":"required","parallel_tool_calls":false}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"weather?"}]}],"tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true},{"name":"now","input_schema":{"type":"object","properties":{}}}],"tool_choice":{"type":"any","disable_parallel_tool_use":true}}"""
        },
        {
            "named tool_choice",
            """{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":{"type":"function","function":{"name":"f"}}}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"f"}}"""
        },
        {
            "assistant text kept beside its tool calls; consecutive tool results and the next user text merged into one user turn",
            """{"messages":[{"role":"user","content":"two files"},{"role":"assistant","content":"Reading both.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"read","arguments":"{\"path\":\"a\"}"}},{"id":"call_2","type":"function","function":{"name":"read","arguments":"{\"path\":\"b\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"A"},{"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"B"}]},{"role":"user","content":"and?"}]}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"two files"}]},{"role":"assistant","content":[{"type":"text","text":"Reading both."},{"type":"tool_use","id":"call_1","name":"read","input":{"path":"a"}},{"type":"tool_use","id":"call_2","name":"read","input":{"path":"b"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"A"},{"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"B"}]},{"type":"text","text":"and?"}]}]}"""
        },
        {
            "max_completion_tokens over max_tokens; stop string; temperature; top_p; stream with include_usage; user",
            """{"messages":[{"role":"user","content":"x"}],"max_tokens":10,"max_completion_tokens":300,"stop":"END","temperature":0.2,"top_p":0.9,"stream":true,"stream_options":{"include_usage":true},"user":"u-42","seed":7,"presence_penalty":0}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":300,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"stream":true,"temperature":0.2,"top_p":0.9,"stop_sequences":["END"],"metadata":{"user_id":"u-42"}}"""
        },
        {
            "stop array; response_format json_schema to structured output",
            """{"messages":[{"role":"user","content":"x"}],"stop":["a","b"],"response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"],"additionalProperties":false}}}}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"stop_sequences":["a","b"],"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"],"additionalProperties":false}}}}"""
        },
        {
            "an empty assistant turn is left out (Anthropic rejects it); the user turns around it merge",
            """{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":""},{"role":"user","content":"b"}]}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}"""
        },
        {
            "reasoning_effort medium: a 4096-token thinking budget on top of the default answer room",
            """{"messages":[{"role":"user","content":"x"}],"reasoning_effort":"medium"}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":8192,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"thinking":{"type":"enabled","budget_tokens":4096}}"""
        },
        {
            "reasoning_effort high within max_completion_tokens: the budget leaves room for the answer",
            """{"messages":[{"role":"user","content":"x"}],"reasoning_effort":"high","max_completion_tokens":5000}""",
            """{"model":"claude-sonnet-4-5-20250929","max_tokens":5000,"messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"thinking":{"type":"enabled","budget_tokens":4999}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public async Task Translate_ChatCompletionsBody_IsTheExpectedMessagesBody(string rule, string openAi, string anthropic)
    {
        var sent = await UpstreamBodyAsync(openAi);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(anthropic), sent), $"{rule}\nexpected {anthropic}\nactual   {sent.ToJsonString()}");
    }

    [Fact]
    public async Task Translate_ConfiguredTuning_WinsOverTheRequestAsInKong()
    {
        var config = Config(c =>
        {
            c.Options()["max_tokens"] = 77;
            c.Options()["temperature"] = 0.5;
            c.Options()["top_k"] = 5;
        });

        var sent = await UpstreamBodyAsync("""{"messages":[{"role":"user","content":"x"}],"max_tokens":9,"temperature":1}""", config);

        Assert.Equal((77, 0.5, 5), ((int)sent["max_tokens"]!, (double)sent["temperature"]!, (int)sent["top_k"]!));
    }

    [Fact]
    public async Task Access_ChatCall_GoesToTheMessagesPathWithTheConfiguredKeyAndIdentityEncoding()
    {
        await using var gateway = await StartAsync(upstream: OneShotUpstream);

        await gateway.SendAsync(ChatRequest("""{"messages":[{"role":"user","content":"x"}]}"""));

        var sent = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal(UpstreamEndpoint.MessagesApiPath, sent.PathAndQuery);
        var headers = sent.Headers;
        Assert.Equal(("sk-ant-test", "", "identity", "2023-06-01"),
            (headers.GetValueOrDefault("x-api-key"), headers.GetValueOrDefault("Authorization") ?? "", headers.GetValueOrDefault("Accept-Encoding"), headers.GetValueOrDefault("anthropic-version")));
    }

    public static TheoryData<string, int, string, string?> Refusals => new()
    {
        { "not json", 400, "request body doesn't contain valid prompts", null },
        { """{"messages":[]}""", 400, "request body doesn't contain valid prompts", null },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}""", 400, "cannot use own model - must be: claude-sonnet-4-5-20250929", "model" },
        { """{"messages":[{"role":"user","content":"x"}],"n":2}""", 400, "n must be 1: this provider returns one choice per request", "n" },
        { """{"messages":[{"role":"user","content":"x"}],"logprobs":true}""", 400, "logprobs are not supported by this provider", "logprobs" },
        { """{"messages":[{"role":"user","content":"x"}],"audio":{"voice":"alloy","format":"mp3"},"modalities":["text","audio"]}""", 400, "audio output is not supported by this provider", "audio" },
        { """{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}]}]}""", 400, "audio input is not supported by this provider", "messages[0].content[0]" },
        { """{"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""", 400, "response_format json_object is not supported by this provider: use json_schema", "response_format" },
        { """{"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", 400, "function arguments are not valid JSON", "messages[0].tool_calls[0].function.arguments" },
        { """{"messages":[{"role":"tool","content":"x"}]}""", 400, "'tool_call_id' is required", "messages[0].tool_call_id" },
        { """{"messages":[{"role":"user","content":"x"}],"reasoning_effort":"extreme"}""", 400, "reasoning_effort must be one of none, minimal, low, medium, high, xhigh", "reasoning_effort" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Access_UnsupportedOrInvalidBody_ExitsWithOpenAiError(string body, int status, string message, string? param)
    {
        var (actualStatus, error) = await RefusalAsync(body);

        Assert.Equal((status, "invalid_request_error", message, param),
            (actualStatus, (string?)error["type"], (string?)error["message"], (string?)error["param"]));
        Assert.Null((string?)error["code"]);
    }

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("/v1/messages/count_tokens")]
    public async Task Access_ClaudeCodeOnAnOpenAiRoute_IsToldWhichFormatItNeeds(string path)
    {
        await using var gateway = await StartAsync(upstream: OneShotUpstream);

        var (response, body) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(path: path));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("need a route with llm_format: anthropic", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Empty(gateway.UpstreamRequests);
    }

    [Fact]
    public async Task Access_BodyOverTheLimit_Is413InOpenAiShape()
    {
        var config = Config(c => c["max_request_body_size"] = 16);

        var (status, error) = await RefusalAsync("""{"messages":[{"role":"user","content":"a long prompt"}]}""", config);

        Assert.Equal((413, "request_too_large"), (status, (string?)error["type"]));
    }

    [Fact]
    public async Task Access_ModelsCall_GoesToAnthropicsModelsPath()
    {
        await using var gateway = await StartAsync(upstream: OneShotUpstream);

        await gateway.SendAsync(ChatRequest(body: null, path: "/v1/models", method: "GET"));

        var sent = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal(("GET", "/v1/models"), (sent.Method, sent.PathAndQuery));
    }
}
