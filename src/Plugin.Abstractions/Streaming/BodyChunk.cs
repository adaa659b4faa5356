namespace Gateway.Plugins;

/// <summary>
/// One response body chunk on its way to the client (Kong's <c>ngx.arg[1]</c> and <c>ngx.arg[2]</c>). The host
/// creates and reuses one instance per request, so never keep a reference to it or to <see cref="Data"/> after
/// the call.
/// </summary>
public sealed class BodyChunk
{
    // Only the host creates chunks (a plugin's tests get theirs from the host pipeline).
    internal BodyChunk()
    {
    }

    /// <summary>The bytes as the previous plugin left them. Valid only during the call.</summary>
    public ReadOnlyMemory<byte> Data { get; private set; }

    /// <summary>True on the last call, after the upstream ended the body. <see cref="Data"/> may be empty then.</summary>
    public bool IsEndOfStream { get; private set; }

    /// <summary>True when a plugin replaced or suppressed the chunk during this call chain.</summary>
    public bool IsModified { get; private set; }

    /// <summary>Replaces the chunk for the next plugin and the client. The host copies
    /// <paramref name="output"/> before the next chunk, so a pooled buffer may be reused afterwards.</summary>
    /// <param name="output">The bytes to send instead.</param>
    public void Replace(ReadOnlyMemory<byte> output)
    {
        Data = output;
        IsModified = true;
    }

    /// <summary>Holds the chunk back: nothing is sent for it (a plugin may emit it later with
    /// <see cref="Replace"/>).</summary>
    public void Suppress() => Replace(ReadOnlyMemory<byte>.Empty);

    /// <summary>Loads the next chunk read from upstream, before the body_filter chain runs over it.</summary>
    internal void Reset(ReadOnlyMemory<byte> data, bool isEndOfStream)
    {
        Data = data;
        IsEndOfStream = isEndOfStream;
        IsModified = false;
    }
}
