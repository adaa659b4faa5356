using System.Diagnostics;

namespace Gateway.Host.Proxy;

/// <summary>
/// Kong's <c>tries[]</c> for one request, recorded from the request's side of the connection pool: the connect
/// attempts it waited through, then one try for the connection that carried it, whether the request opened it (the
/// latency is the wait for it, connect included) or found it kept alive (the latency is about 0). A connection is
/// charged to the request that actually used it, never to one that merely triggered it and went elsewhere.
/// </summary>
internal sealed class UpstreamAttempts(string host, int port)
{
    internal static readonly HttpRequestOptionsKey<UpstreamAttempts> Key = new("gateway.attempts");

    // The request being sent in this async flow: an HTTP/1.1 connection writes a request's head in the request's own
    // flow, which is how a connection learns which request it carries.
    private static readonly AsyncLocal<UpstreamAttempts?> Sending = new();

    private readonly long _startedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private readonly List<UpstreamTry> _tries = new(1);
    private bool _placed;
    private bool _done;

    /// <summary>A connection this request triggered, between its connect and its TLS/protocol setup.</summary>
    public UpstreamConnection? Opening { get; set; }

    public static UpstreamAttempts? Current => Sending.Value;

    public static UpstreamAttempts? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var attempts) ? attempts : null;

    /// <summary>Marks this request as the one the current async flow sends.</summary>
    public void BeginSending(HttpRequestMessage request)
    {
        request.Options.Set(Key, this);
        Sending.Value = this;
    }

    /// <summary>The request is on <paramref name="connection"/>: records its try (once), with the connection's
    /// failed connect attempts if it is the first request the connection carries.</summary>
    public void PlacedOn(UpstreamConnection connection)
    {
        lock (_gate)
        {
            if (_placed || _done)
            {
                return;
            }

            _placed = true;
            _tries.AddRange(connection.TakeFailedAttempts());
            _tries.Add(new UpstreamTry(_startedAtMs, connection.Address, connection.Port, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, null));
        }
    }

    /// <summary>Every connect attempt failed: those attempts are this request's tries.</summary>
    public void ConnectFailed(IReadOnlyList<UpstreamTry> attempts)
    {
        lock (_gate)
        {
            if (!_placed)
            {
                _tries.AddRange(attempts);
                _placed = true;
            }
        }
    }

    /// <summary>The send ended (response headers, or a failure): the tries as recorded. A request that was never seen
    /// on a connection of its own (it shared a multiplexed HTTP/2 connection, or gave up waiting) gets one try at
    /// the address last connected to, with no measured wait.</summary>
    public IReadOnlyList<UpstreamTry> Complete(string? lastAddress)
    {
        lock (_gate)
        {
            _done = true;
            if (!_placed)
            {
                _tries.Add(new UpstreamTry(_startedAtMs, lastAddress ?? host, port, 0, null));
            }

            return _tries;
        }
    }
}

/// <summary>One upstream connection: where it goes and the failed connect attempts before it, which the first
/// request it carries takes over.</summary>
internal sealed class UpstreamConnection(string address, int port, IReadOnlyList<UpstreamTry> failedAttempts)
{
    private IReadOnlyList<UpstreamTry>? _failedAttempts = failedAttempts;

    public string Address => address;

    public int Port => port;

    public IReadOnlyList<UpstreamTry> TakeFailedAttempts() => Interlocked.Exchange(ref _failedAttempts, null) ?? [];
}

/// <summary>
/// An HTTP/1.1 connection's plaintext stream: the first write of each request's head, made in that request's own
/// async flow, places the request on this connection. Reads and later writes pass straight through.
/// </summary>
internal sealed class PlacingStream(Stream inner, UpstreamConnection connection) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        UpstreamAttempts.Current?.PlacedOn(connection);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        UpstreamAttempts.Current?.PlacedOn(connection);
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
