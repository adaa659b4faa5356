namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>A Chat Completions request as Anthropic Messages, plus what the response translation must know.</summary>
/// <param name="Body">The Anthropic Messages body sent upstream.</param>
/// <param name="Model">The model asked of the provider.</param>
/// <param name="Streaming">The provider is asked to stream.</param>
/// <param name="IncludeUsage">The client asked for the usage chunk (<c>stream_options.include_usage</c>).</param>
internal sealed record TranslatedRequest(byte[] Body, string Model, bool Streaming, bool IncludeUsage);
