using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Bench.LoadGen.Http;

/// <summary>Receives a response body as it arrives, with the Stopwatch timestamp of the read that brought it.</summary>
internal interface IBodyObserver
{
    void OnBody(ReadOnlySpan<byte> data, long timestamp);
}

/// <summary>
/// A minimal HTTP/1.1 keep-alive client over one socket: the request is pre-serialized bytes, the response is
/// parsed in place (status, Content-Length or chunked, Connection: close) without allocating per request. It is
/// what keeps the load generator cheap enough to share a core with the mock; HttpClient costs several times more
/// CPU per request, which would make the load side the bottleneck of the throughput figures.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly byte[] _buffer;
    private Socket? _socket;
    private int _start;
    private int _end;

    public RawHttpConnection(IPEndPoint endpoint, int bufferSize = 16 * 1024)
    {
        _endpoint = endpoint;
        _buffer = new byte[bufferSize];
    }

    public bool IsConnected => _socket is not null;

    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _start = _end = 0;
    }

    /// <summary>Sends one request and reads the whole response. Returns the status code; the body goes to the
    /// observer. Throws on a broken connection (the caller reconnects).</summary>
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> request, IBodyObserver? observer, CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            await ConnectAsync(cancellationToken);
        }

        var socket = _socket!;
        var sent = 0;
        while (sent < request.Length)
        {
            var n = await socket.SendAsync(request[sent..], SocketFlags.None, cancellationToken);
            if (n <= 0)
            {
                throw new IOException("connection closed while sending");
            }

            sent += n;
        }

        // Status line and headers; interim 1xx responses (100 Continue) are skipped, the final one follows.
        int status;
        long contentLength;
        bool chunked, close;
        do
        {
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd()) < 0)
            {
                await FillAsync(cancellationToken);
            }

            var head = _buffer.AsSpan(_start, headerEnd - _start);
            status = ParseStatus(head);
            (contentLength, chunked, close) = ParseHeaders(head);
            _start = headerEnd + 4;
        }
        while (status is >= 100 and < 200);

        if (chunked)
        {
            await ReadChunkedAsync(observer, cancellationToken);
        }
        else if (contentLength >= 0)
        {
            await ReadFixedAsync(contentLength, observer, cancellationToken);
        }
        else
        {
            await ReadToEndAsync(observer, cancellationToken);
            close = true;
        }

        if (close)
        {
            Close();
        }

        return status;
    }

    private async ValueTask ReadFixedAsync(long remaining, IBodyObserver? observer, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        while (true)
        {
            var available = (int)Math.Min(remaining, _end - _start);
            if (available > 0)
            {
                observer?.OnBody(_buffer.AsSpan(_start, available), now);
                _start += available;
                remaining -= available;
            }

            if (remaining == 0)
            {
                return;
            }

            await FillAsync(cancellationToken);
            now = Stopwatch.GetTimestamp();
        }
    }

    private async ValueTask ReadToEndAsync(IBodyObserver? observer, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_end > _start)
            {
                observer?.OnBody(_buffer.AsSpan(_start, _end - _start), now);
                _start = _end;
            }

            if (!await TryFillAsync(cancellationToken))
            {
                return;
            }

            now = Stopwatch.GetTimestamp();
        }
    }

    private async ValueTask ReadChunkedAsync(IBodyObserver? observer, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        while (true)
        {
            // Chunk size line.
            int lineEnd;
            while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            {
                await FillAsync(cancellationToken);
                now = Stopwatch.GetTimestamp();
            }

            var sizeLine = _buffer.AsSpan(_start, lineEnd);
            var semicolon = sizeLine.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeLine = sizeLine[..semicolon];
            }

            if (!Utf8Parser.TryParse(sizeLine.Trim((byte)' '), out long size, out _, 'x'))
            {
                throw new IOException("bad chunk size");
            }

            _start += lineEnd + 2;
            if (size == 0)
            {
                // Trailers (none expected) end with an empty line.
                while (true)
                {
                    int end;
                    while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
                    {
                        await FillAsync(cancellationToken);
                    }

                    _start += end + 2;
                    if (end == 0)
                    {
                        return;
                    }
                }
            }

            var remaining = size;
            while (remaining > 0)
            {
                var available = (int)Math.Min(remaining, _end - _start);
                if (available > 0)
                {
                    observer?.OnBody(_buffer.AsSpan(_start, available), now);
                    _start += available;
                    remaining -= available;
                }

                if (remaining > 0)
                {
                    await FillAsync(cancellationToken);
                    now = Stopwatch.GetTimestamp();
                }
            }

            // CRLF after the chunk data.
            while (_end - _start < 2)
            {
                await FillAsync(cancellationToken);
                now = Stopwatch.GetTimestamp();
            }

            _start += 2;
        }
    }

    private int IndexOfHeaderEnd()
    {
        var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : _start + index;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(cancellationToken))
        {
            throw new IOException("connection closed by the server");
        }
    }

    private async ValueTask<bool> TryFillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                throw new IOException("response headers larger than the buffer");
            }

            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read <= 0)
        {
            return false;
        }

        _end += read;
        return true;
    }

    private static int ParseStatus(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new IOException("bad status line");
        }

        return status;
    }

    private static (long ContentLength, bool Chunked, bool Close) ParseHeaders(ReadOnlySpan<byte> head)
    {
        long contentLength = -1;
        bool chunked = false, close = head.StartsWith("HTTP/1.0"u8);
        var lineStart = head.IndexOf("\r\n"u8);
        while (lineStart >= 0 && lineStart + 2 < head.Length)
        {
            var rest = head[(lineStart + 2)..];
            var next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
                {
                    contentLength = Utf8Parser.TryParse(value, out long parsed, out _) ? parsed : throw new IOException("bad Content-Length");
                }
                else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
                {
                    chunked = value.IndexOf("chunked"u8) >= 0;
                }
                else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
                {
                    close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
                }
            }

            if (next < 0)
            {
                break;
            }

            lineStart += 2 + next;
        }

        return (chunked ? -1 : contentLength, chunked, close);
    }

    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    public void Dispose() => Close();
}
