using Gateway.Plugins.AiProxy.Response.Sse;

namespace Gateway.Plugins.AiProxy.Translation;

/// <summary>Turns one provider SSE stream into the client's format, event by event, into the writer it was made with.</summary>
internal interface IStreamTranslator : ISseEventSink, IDisposable
{
    /// <summary>The provider's stream ended: writes whatever the client's format still owes (final events, <c>[DONE]</c>).</summary>
    void Complete();
}
