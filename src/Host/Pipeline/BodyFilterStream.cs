using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The upstream body as YARP reads it, run through the body_filter chain one read at a time: every chunk goes to
/// the client as soon as the upstream produced it. Unmodified chunks stay in YARP's buffer (no copy); replaced
/// output larger than the buffer waits in a pooled array for the next read.
/// </summary>
internal sealed class BodyFilterStream(Stream upstream, RequestContext context, ILogger logger) : Stream
{
    private byte[]? _pending;
    private int _pendingOffset;
    private int _pendingLength;
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            // YARP's copier issues zero-byte reads to wait for data before renting a buffer: pass them through,
            // they say nothing about the end of the body.
            return _pendingLength > 0 || _ended ? 0 : await upstream.ReadAsync(buffer, cancellationToken);
        }

        while (true)
        {
            if (_pendingLength > 0)
            {
                return Count(DrainPending(buffer.Span));
            }

            if (_ended)
            {
                return 0;
            }

            var read = await upstream.ReadAsync(buffer, cancellationToken);
            var endOfStream = read == 0;
            if (endOfStream)
            {
                _ended = true;
                context.ResponseEnded = Stopwatch.GetTimestamp();
            }

            if (context.Chain.BodyFilter.Length == 0)
            {
                return Count(read);
            }

            context.Chunk.Reset(buffer[..read], endOfStream);
            if (!PhaseRunner.BodyFilter(context, logger))
            {
                // A failing filter ends the response where it is rather than sending unfiltered bytes.
                _ended = true;
                context.ResponseEnded = Stopwatch.GetTimestamp();
                FilterFailed();
                return 0;
            }

            if (!context.Chunk.IsModified)
            {
                return Count(read);
            }

            var output = context.Chunk.Data.Span;
            if (output.IsEmpty)
            {
                continue;
            }

            if (output.Length <= buffer.Length)
            {
                output.CopyTo(buffer.Span);
                return Count(output.Length);
            }

            Hold(output);
        }
    }

    // Ending the copy cleanly (0) keeps YARP from aborting a response that has not started: the middleware then
    // answers with Kong's 500 in place of the upstream's (whose Content-Length the client would otherwise be
    // promised). Once bytes went out, the client must not take the part for the whole: the connection is cut.
    private void FilterFailed()
    {
        var response = context.HttpContext.Response;
        if (!response.HasStarted)
        {
            context.Conclude(RequestOutcome.FilterFailed(sentStatus: null));
            return;
        }

        context.Conclude(RequestOutcome.FilterFailed(response.StatusCode));
        context.HttpContext.Abort();
    }

    private void Hold(ReadOnlySpan<byte> output)
    {
        if (_pending is null || _pending.Length < output.Length)
        {
            if (_pending is not null)
            {
                ArrayPool<byte>.Shared.Return(_pending);
            }

            _pending = ArrayPool<byte>.Shared.Rent(output.Length);
        }

        output.CopyTo(_pending);
        _pendingOffset = 0;
        _pendingLength = output.Length;
    }

    private int DrainPending(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _pendingLength);
        _pending.AsSpan(_pendingOffset, n).CopyTo(destination);
        _pendingOffset += n;
        _pendingLength -= n;
        return n;
    }

    private int Count(int bytes)
    {
        context.ResponseBodyBytes += bytes;
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            upstream.Dispose();
            if (_pending is not null)
            {
                ArrayPool<byte>.Shared.Return(_pending);
                _pending = null;
            }
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
