using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>What the Anthropic-to-OpenAI translation tells the operator.</summary>
internal static partial class AnthropicClientLog
{
    [LoggerMessage(40, LogLevel.Debug,
        "ai-proxy dropped Anthropic-only request fields with no equivalent for provider '{Provider}': {Fields}")]
    public static partial void FieldsDropped(ILogger logger, string provider, string fields);
}
