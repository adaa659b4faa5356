namespace Gateway.Plugins.AiProxy.Response;

/// <summary>Where the response bytes (decoded) go to be read on the side.</summary>
internal interface IBodySink : IDisposable
{
    /// <summary>False once the sink wants nothing more (its bound was reached), so decoding can stop.</summary>
    bool WantsMore { get; }

    void Write(ReadOnlySpan<byte> data, long timestamp);

    /// <summary>The body ended; read whatever was buffered.</summary>
    void Complete();
}
