namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>The client-side body format (Kong's <c>llm_format</c>). Only <see cref="Anthropic"/> is implemented;
/// the other Kong values bind so that validation can name them in its error.</summary>
internal enum LlmFormat
{
    Openai,
    Anthropic,
    Bedrock,
    Cohere,
    Gemini,
    Huggingface,
}
