namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>The provider as the log and <c>X-Kong-LLM-Model</c> name it, and which wire format it speaks.</summary>
internal static class ProviderNames
{
    public static string Of(AiProxyConfig config) => Of(config.ValidModel.Provider);

    public static string Of(ModelProvider? provider) => provider switch
    {
        ModelProvider.Openai => "openai",
        ModelProvider.Azure => "azure",
        _ => "anthropic",
    };

    /// <summary>The upstream speaks OpenAI Chat Completions (openai, azure and everything OpenAI-compatible).</summary>
    public static bool SpeaksOpenAi(AiProxyConfig config) => config.ValidModel.Provider is ModelProvider.Openai or ModelProvider.Azure;
}
