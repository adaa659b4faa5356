namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>The client-side body format (Kong's <c>llm_format</c>). <see cref="Anthropic"/> (native Messages) and
/// <see cref="Openai"/> (Chat Completions, translated to Messages) are implemented; the other Kong values bind so
/// that validation can name them in its error.</summary>
internal enum LlmFormat
{
    Openai,
    Anthropic,
    Bedrock,
    Cohere,
    Gemini,
    Huggingface,
}
