using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary>Configs for <c>llm_format: openai</c> routes to OpenAI-compatible providers, bound as the host binds them.</summary>
internal static class OpenAiProviderSupport
{
    public const string Key = "sk-proj-test-key";

    public static AiProxyConfig OpenAiProvider(string model = "", string options = "{}", string logging = """{"log_statistics":true}""") =>
        ConfigBinder.Bind($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "openai",
              "auth": { "header_name": "Authorization", "header_value": "Bearer {{Key}}" },
              "model": { "provider": "openai"{{(model.Length > 0 ? $", \"name\": \"{model}\"" : "")}}, "options": {{options}} },
              "logging": {{logging}}
            }
            """);

    public static AiProxyConfig Azure(string options) =>
        ConfigBinder.Bind($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "openai",
              "auth": { "header_name": "api-key", "header_value": "{{Key}}" },
              "model": { "provider": "azure", "name": "gpt-4o", "options": {{options}} },
              "logging": { "log_statistics": true }
            }
            """);
}
