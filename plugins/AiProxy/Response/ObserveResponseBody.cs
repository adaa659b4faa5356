namespace Gateway.Plugins.AiProxy.Response;

/// <summary>
/// The body_filter for upstream replies: never touches the chunk (the client gets the upstream's bytes, each
/// flushed as it arrives); it only timestamps it and hands it to the side reader.
/// </summary>
internal static class ObserveResponseBody
{
    public static void Run(AiProxyRequestState state, BodyChunk chunk, long now)
    {
        if (!chunk.Data.IsEmpty)
        {
            if (state.FirstByteTimestamp == 0)
            {
                state.FirstByteTimestamp = now;
            }

            state.Tap?.Write(chunk.Data, now);
        }

        if (chunk.IsEndOfStream && state.EndTimestamp == 0)
        {
            state.EndTimestamp = now;
            state.Tap?.Complete(state.Facts);
        }
    }
}
