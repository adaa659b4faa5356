using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The client's request body as everything in the gateway reads it (a plugin buffering it, YARP streaming it
/// upstream), with nginx's <c>client_body_timeout</c>: a read that waits longer than the timeout for the client
/// fails with 408. The timeout bounds the gap between two reads, not the whole body, so a slow but steady upload is
/// never cut. The first failure is classified once (<see cref="ClientBodyFault"/>) and kept for the outcome.
/// </summary>
/// <remarks>
/// It reads Kestrel's body pipe itself, because a read cancelled through its token leaves Kestrel's body reader
/// "mid-read" and the drain after the response then fails with an error. Here every cancellation (the timeout, or
/// the caller's token, e.g. YARP giving up on the upstream) goes through <see cref="PipeReader.CancelPendingRead"/>
/// and the cancelled result is handed back to the pipe, which leaves it clean. A read that completes at once costs
/// nothing extra; one that waits arms the request's one timer. A cancellation by the caller is the caller's
/// business and not recorded as the client's fault.
/// </remarks>
internal sealed class ClientBodyStream(PipeReader body, TimeSpan timeout, CancellationToken clientAborted) : Stream
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Expired = 2;

    private ITimer? _timer;
    private int _state;

    /// <summary>Why reading the body failed, or null while it has not.</summary>
    public ClientBodyFault? Fault { get; private set; }

    /// <summary>The body bytes handed to readers so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Fault is { } fault)
        {
            throw fault.ToException();
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadResult result;
            var expired = false;
            try
            {
                if (!body.TryRead(out result))
                {
                    (result, expired) = await WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (Record(ex))
            {
                throw;
            }

            if (result.IsCanceled)
            {
                // Hand the cancelled result back so that the pipe is not left mid-read, then say why.
                body.AdvanceTo(result.Buffer.Start);
                cancellationToken.ThrowIfCancellationRequested();
                if (expired && !clientAborted.IsCancellationRequested)
                {
                    Fault = ClientBodyFault.TimedOut(timeout);
                    throw Fault.ToException();
                }

                continue; // a cancellation left over from a timer that fired just as data arrived: not a timeout
            }

            var available = result.Buffer;
            if (buffer.IsEmpty || available.IsEmpty)
            {
                // A zero-byte read only waits for data (YARP's copier does this before renting a buffer); an empty
                // completed read is the end of the body.
                body.AdvanceTo(available.Start);
                if (buffer.IsEmpty || result.IsCompleted)
                {
                    return 0;
                }

                continue;
            }

            var count = (int)Math.Min(buffer.Length, available.Length);
            available.Slice(0, count).CopyTo(buffer.Span);
            body.AdvanceTo(available.GetPosition(count));
            BytesRead += count;
            return count;
        }
    }

    /// <returns>The read, and whether the timeout is what ended it.</returns>
    private async ValueTask<(ReadResult Result, bool Expired)> WaitAsync(CancellationToken cancellationToken)
    {
        Arm();
        var link = cancellationToken.UnsafeRegister(static state => ((PipeReader)state!).CancelPendingRead(), body);
        try
        {
            var result = await body.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            return (result, result.IsCanceled && Volatile.Read(ref _state) == Expired);
        }
        finally
        {
            await link.DisposeAsync().ConfigureAwait(false);
            Disarm();
        }
    }

    /// <returns>Always true after recording: a read that throws has failed on the client's side (bad framing, a
    /// reset connection, a client gone).</returns>
    private bool Record(Exception ex)
    {
        Fault = ClientBodyFault.From(ex, clientAborted.IsCancellationRequested);
        return true;
    }

    private void Arm()
    {
        _timer ??= TimeProvider.System.CreateTimer(static state => ((ClientBodyStream)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _state, Waiting);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
    }

    private void Disarm()
    {
        _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _state, Idle);
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Expired, Waiting) == Waiting)
        {
            body.CancelPendingRead();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous reads of the request body are not allowed.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
            _timer = null;
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
