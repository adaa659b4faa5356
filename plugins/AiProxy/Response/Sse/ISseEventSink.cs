namespace Gateway.Plugins.AiProxy.Response.Sse;

/// <summary>Receives the events <see cref="SseFramer"/> cuts out of the byte stream.</summary>
internal interface ISseEventSink
{
    /// <summary>Whether the data of an event of this kind is needed: unneeded data is never copied.</summary>
    bool WantsData(SseEventKind kind);

    /// <summary>One complete event. <paramref name="data"/> is valid only during the call.</summary>
    void OnEvent(SseEventKind kind, ReadOnlySpan<byte> data);
}
