namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Kong's <c>model.provider</c> values. Only <see cref="Anthropic"/> is implemented; the others bind so
/// that validation can reject them by name instead of failing with a JSON error. The list includes the providers
/// Kong 3.14 added, so a newer config hears "not supported yet" rather than "unknown".</summary>
internal enum ModelProvider
{
    Openai,
    Azure,
    Anthropic,
    Cohere,
    Mistral,
    Llama2,
    Gemini,
    Bedrock,
    Huggingface,
    Cerebras,
    Dashscope,
    Xai,
    Ollama,
    Vllm,
    Databricks,
}
