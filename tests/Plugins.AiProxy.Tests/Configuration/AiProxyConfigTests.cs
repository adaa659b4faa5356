using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;

namespace Gateway.Plugins.AiProxy.Tests.Configuration;

public sealed class AiProxyConfigTests
{
    [Fact]
    public void Bind_TutorialBlock_BindsUnchangedWithKongDefaults()
    {
        var config = PluginConfig.Bind<AiProxyConfig>(AiProxyGateway.TutorialJson);

        Assert.Equal("llm/v1/chat", config.RouteType);
        Assert.Equal(LlmFormat.Anthropic, config.LlmFormat);
        Assert.Equal("x-api-key", config.Auth.HeaderName);
        Assert.Equal("sk-ant-test", config.Auth.HeaderValue);
        Assert.False(config.Auth.AllowOverride);
        Assert.Equal(ModelProvider.Anthropic, config.ValidModel.Provider);
        Assert.Equal("claude-sonnet-4-5-20250929", config.ValidModel.Name);
        Assert.Equal("2023-06-01", config.ValidModel.Options.AnthropicVersion);
        Assert.Equal(524288, config.MaxRequestBodySize);
        Assert.True(config.Logging.LogStatistics);
        Assert.False(config.Logging.LogPayloads);
        Assert.Equal(ResponseStreaming.Allow, config.ResponseStreaming);
        Assert.True(config.ModelNameHeader);
        Assert.Equal("text/generation", config.GenaiCategory);
    }

    [Fact]
    public void Bind_MinimalConfig_UsesKongDefaults()
    {
        var config = PluginConfig.Bind<AiProxyConfig>("""
            {"route_type":"llm/v1/chat","llm_format":"anthropic",
             "model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01"}}}
            """);

        Assert.Equal(1_048_576, config.MaxRequestBodySize);
        Assert.False(config.Logging.LogStatistics);
        Assert.False(config.Logging.LogPayloads);
        Assert.False(config.Auth.HasHeaderAuth);
        Assert.Null(config.ValidModel.Name);
    }

    [Fact]
    public void Bind_EveryKongFieldThatHasNoEffectForAnthropic_IsAccepted()
    {
        var config = PluginConfig.Bind<AiProxyConfig>(Patch(o =>
        {
            o["model_name_header"] = false;
            o["response_streaming"] = "always";
            o["max_request_body_size"] = 0;
            o["genai_category"] = "text/generation";
            o["auth"]!["allow_override"] = true;
            var options = o["model"]!["options"]!;
            options["max_tokens"] = 1024;
            options["temperature"] = 0.5;
            options["top_p"] = 0.9;
            options["top_k"] = 40;
            options["input_cost"] = 3.0;
            options["output_cost"] = 15.0;
            options["cache_read_cost"] = 0.3;
            options["cache_write_cost"] = 3.75;
            options["upstream_url"] = "http://127.0.0.1:9999/v1/messages";
            options["azure_instance"] = "x";
            options["azure_api_version"] = "2024-01-01";
            options["azure_deployment_id"] = "d";
            options["llama2_format"] = "raw";
            options["mistral_format"] = "openai";
            options["embeddings_dimensions"] = 512;
            options["bedrock"] = new JsonObject { ["aws_region"] = "us-east-1", ["embeddings_normalize"] = true };
            options["gemini"] = new JsonObject { ["project_id"] = "p", ["location_id"] = "l" };
            options["huggingface"] = new JsonObject { ["use_cache"] = true, ["wait_for_model"] = false };
            options["cohere"] = new JsonObject { ["embedding_input_type"] = "search_query" };
            options["dashscope"] = new JsonObject { ["international"] = true };
        }));

        Assert.Equal(ResponseStreaming.Always, config.ResponseStreaming);
        Assert.Equal(0, config.MaxRequestBodySize);
        Assert.Equal(3.75, config.ValidModel.Options.CacheWriteCost);
    }

    public static TheoryData<string, string, string> Rejections => new()
    {
        { """{"route_type":"llm/v1/completions"}""", "route_type", "route_type 'llm/v1/completions' is not supported by this gateway yet (only 'llm/v1/chat')" },
        { """{"route_type":"preserve"}""", "route_type", "route_type 'preserve' is not supported by this gateway yet (only 'llm/v1/chat')" },
        { """{"route_type":"llm/v2/chat"}""", "route_type", "route_type 'llm/v2/chat' is not a Kong route type" },
        { """{"llm_format":"gemini"}""", "llm_format", "llm_format 'gemini' is not supported by this gateway yet: only 'anthropic' (the native Messages API that Claude Code sends) and 'openai' (Chat Completions clients, translated) are implemented" },
        { """{"genai_category":"text/embeddings"}""", "genai_category", "genai_category 'text/embeddings' is not supported by this gateway yet (only 'text/generation')" },
        { """{"genai_category":"text/poetry"}""", "genai_category", "genai_category 'text/poetry' is not a Kong genai category" },
        { """{"max_request_body_size":-1}""", "max_request_body_size", "max_request_body_size must be 0 (unlimited) or a positive number of bytes" },
        { """{"auth":{"header_name":"x-api-key","header_value":null}}""", "auth.header_value", "auth.header_name and auth.header_value must be set together" },
        { """{"auth":{"header_name":null,"header_value":"k"}}""", "auth.header_name", "auth.header_name and auth.header_value must be set together" },
        { """{"auth":{"header_name":"x api key","header_value":"k"}}""", "auth.header_name", "auth.header_name must be a valid HTTP header name" },
        { """{"auth":{"header_name":"x-api-key","header_value":""}}""", "auth.header_value", "auth.header_value must be a non-empty header value without control characters" },
        { """{"auth":{"header_name":"x-api-key","header_value":"k\r\nx: y"}}""", "auth.header_value", "auth.header_value must be a non-empty header value without control characters" },
        { """{"auth":{"header_name":null,"header_value":null,"param_name":"key","param_value":"k","param_location":"query"}}""", "auth.param_name", "auth.param_name, auth.param_value and auth.param_location (parameter auth) are not supported by this gateway yet; use auth.header_name and auth.header_value" },
        { """{"auth":{"header_name":null,"header_value":null,"gcp_use_service_account":true}}""", "auth.gcp_use_service_account", "auth.gcp_* (cloud identity) is not supported by this gateway yet" },
        { """{"auth":{"header_name":null,"header_value":null,"aws_access_key_id":"a"}}""", "auth.aws_access_key_id", "auth.aws_* (cloud identity) is not supported by this gateway yet" },
        { """{"auth":{"header_name":null,"header_value":null,"azure_tenant_id":"t"}}""", "auth.azure_tenant_id", "auth.azure_* (cloud identity) is not supported by this gateway yet" },
        { """{"model":{"provider":"bedrock","options":{"anthropic_version":"2023-06-01"}}}""", "model.provider", "model.provider 'bedrock' is not supported by this gateway yet (only 'anthropic', 'openai' and 'azure')" },
        { """{"llm_format":"openai","model":{"provider":"azure","options":{"azure_deployment_id":"gpt-4o"}}}""", "model.options.azure_instance", "must set 'model.options.azure_instance' (the resource name in https://{instance}.openai.azure.com, letters, digits and '-') for azure provider" },
        { """{"llm_format":"openai","model":{"provider":"azure","options":{"azure_instance":"my.evil/host","azure_deployment_id":"gpt-4o"}}}""", "model.options.azure_instance", "must set 'model.options.azure_instance'" },
        { """{"llm_format":"openai","model":{"provider":"azure","options":{"azure_instance":"contoso"}}}""", "model.options.azure_deployment_id", "must set 'model.options.azure_deployment_id' (letters, digits, '-', '_' and '.') for azure provider" },
        { """{"llm_format":"openai","model":{"provider":"azure","options":{"azure_instance":"contoso","azure_deployment_id":"a/../b"}}}""", "model.options.azure_deployment_id", "must set 'model.options.azure_deployment_id'" },
        { """{"llm_format":"openai","model":{"provider":"azure","options":{"azure_instance":"contoso","azure_deployment_id":"d","azure_api_version":"1&x=2"}}}""", "model.options.azure_api_version", "model.options.azure_api_version must be a version such as '2024-10-21'" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","model_aliases":{"a":"b"}}}}""", "model.options.model_aliases", "model.options.model_aliases only applies to llm_format 'anthropic' with provider 'openai' or 'azure'" },
        { """{"model":{"provider":"openai","options":{"model_aliases":{"claude-x":"evil\r\nX-Injected: 1"}}}}""", "model.options.model_aliases", "model.options.model_aliases names must be non-empty and free of control characters" },
        { """{"llm_format":"openai","model":{"provider":"openai","options":{"top_k":40}}}""", "model.options.top_k", "model.options.top_k is not an OpenAI parameter: remove it for provider 'openai'" },
        { """{"model":{"provider":"anthropic","options":{}}}""", "model.options.anthropic_version", "must set 'model.options.anthropic_version' for anthropic provider" },
        { """{"model":{"provider":"anthropic"}}""", "model.options.anthropic_version", "must set 'model.options.anthropic_version' for anthropic provider" },
        { """{"model":{"provider":"anthropic","name":"","options":{"anthropic_version":"2023-06-01"}}}""", "model.name", "model.name must not be empty (omit it to use the request's model)" },
        { """{"model":{"provider":"anthropic","name":"$(headers.x-model)","options":{"anthropic_version":"2023-06-01"}}}""", "model.name", "model.name templates ($(...)) are not supported by this gateway yet" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","upstream_url":"/v1/messages"}}}""", "model.options.upstream_url", "model.options.upstream_url must be an absolute http or https URL" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","upstream_url":"ftp://h/v1"}}}""", "model.options.upstream_url", "model.options.upstream_url must be an absolute http or https URL" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","upstream_url":"https://h/v1/messages?beta=true"}}}""", "model.options.upstream_url", "model.options.upstream_url must not contain a query string, fragment or user info" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","upstream_path":"/v1/messages"}}}""", "model.options.upstream_path", "model.options.upstream_path is deprecated (Kong: use upstream_url) and not supported: put the path in model.options.upstream_url" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","cache_read_cost":0.3}}}""", "model.options.cache_read_cost", "model.options.cache_read_cost and cache_write_cost need both model.options.input_cost and model.options.output_cost" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","input_cost":0,"output_cost":1}}}""", "", "model.options.input_cost must be greater than 0" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","temperature":5.5}}}""", "", "model.options.temperature must be between 0 and 5" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","top_p":1.5}}}""", "", "model.options.top_p must be between 0 and 1" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","top_k":501}}}""", "", "model.options.top_k must be between 0 and 500" },
        { """{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","max_tokens":0}}}""", "", "model.options.max_tokens must be at least 1" },
        { """{"model":{"options":{"anthropic_version":"2023-06-01"}}}""", "", "model.provider is required" },
        { """{"model":null}""", "", "model is required" },
        { """{"route_type":null}""", "", "route_type is required" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Validate_UnsupportedOrInvalidValue_IsRejectedWithItsMessage(string patch, string member, string message)
    {
        var errors = PluginConfig.Validate<AiProxyConfig>(Merge(patch));

        // The gateway's own binder: "<decK field>: <message>", the field as the operator wrote it.
        var (fields, _) = Assert.Single(errors.Select(Split), e => e.Message.StartsWith(message, StringComparison.Ordinal));
        if (member.Length > 0)
        {
            Assert.Contains($"config.{member}", fields);
        }
    }

    [Theory]
    [InlineData("auth")]
    [InlineData("logging")]
    public void Validate_NullForAnObjectField_IsRejectedNamingTheField(string field)
    {
        // The gateway's binder refuses the null before ai-proxy's own validation runs (its "must be an object"
        // message is for configs bound some other way), so the operator sees the binder's line.
        var errors = PluginConfig.Validate<AiProxyConfig>(Merge($$"""{"{{field}}":null}"""));

        var error = Assert.Single(errors);
        Assert.StartsWith("config", error, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemini")]
    [InlineData("ollama")]
    [InlineData("vllm")]
    [InlineData("databricks")]
    public void Validate_OtherProviderWithoutAnthropicVersion_SaysOnlyThatTheProviderIsNotSupported(string provider)
    {
        var errors = PluginConfig.Validate<AiProxyConfig>(Merge($$$"""{"model":{"provider":"{{{provider}}}","name":"m"}}"""));

        var error = Split(Assert.Single(errors));
        Assert.Equal($"model.provider '{provider}' is not supported by this gateway yet (only 'anthropic', 'openai' and 'azure')", error.Message);
    }

    [Fact]
    public void Bind_OmittedLlmFormat_IsKongsDefaultOpenai()
    {
        var config = PluginConfig.Bind<AiProxyConfig>(Patch(o => o.Remove("llm_format")));

        Assert.Equal(LlmFormat.Openai, config.LlmFormat);
    }

    [Fact]
    public void Validate_OpenaiFormatWithAnthropicProvider_IsAccepted()
    {
        var errors = PluginConfig.Validate<AiProxyConfig>(Merge("""{"llm_format":"openai"}"""));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"llm_format":"openai","model":{"provider":"openai","name":"gpt-4.1"}}""")]
    [InlineData("""{"llm_format":"openai","model":{"provider":"openai","options":{"upstream_url":"http://localhost:11434/v1/chat/completions"}}}""")]
    [InlineData("""{"llm_format":"openai","model":{"provider":"azure","name":"gpt-4o","options":{"azure_instance":"contoso","azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}}}""")]
    [InlineData("""{"llm_format":"openai","model":{"provider":"azure","options":{"upstream_url":"http://127.0.0.1:9000","azure_deployment_id":"d"}}}""")]
    [InlineData("""{"llm_format":"anthropic","model":{"provider":"openai","name":"qwen3-coder","options":{"upstream_url":"http://localhost:8000/v1/chat/completions","model_aliases":{"claude-haiku-4-5-20251001":"qwen3-4b"}}}}""")]
    public void Validate_OpenAiCompatibleProvider_IsAccepted(string patch)
    {
        var errors = PluginConfig.Validate<AiProxyConfig>(Merge(patch));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"unknown_field":1}""")]
    [InlineData("""{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","cache_cost":1}}}""")]
    [InlineData("""{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","max_tokens":"1024"}}}""")]
    [InlineData("""{"response_streaming":"sometimes"}""")]
    [InlineData("""{"model":{"provider":"anthropic","options":{"anthropic_version":"2023-06-01","bedrock":{"region":"x"}}}}""")]
    public void Bind_UnknownFieldOrWrongType_FailsToBind(string patch)
    {
        var error = Assert.Throws<PluginConfigException>(() => PluginConfig.Bind<AiProxyConfig>(Merge(patch)));

        Assert.NotEmpty(error.Errors);
        Assert.All(error.Errors, e => Assert.StartsWith("config", e, StringComparison.Ordinal));
    }

    /// <summary>An error line split into the fields it names and its message.</summary>
    private static (string[] Fields, string Message) Split(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return (error[..colon].Split(", "), error[(colon + 2)..]);
    }

    /// <summary>The tutorial block with <paramref name="patch"/>'s top-level keys replacing its own.</summary>
    private static string Merge(string patch)
    {
        var overrides = JsonNode.Parse(patch)!.AsObject();
        return Patch(o =>
        {
            foreach (var (key, value) in overrides)
            {
                o[key] = value?.DeepClone();
            }
        });
    }

    private static string Patch(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(AiProxyGateway.TutorialJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
