using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Fuzz.Tests.Wire;

/// <summary>
/// An upstream on a raw socket that keeps every byte the gateway sent and parses it strictly as HTTP/1.1
/// requests. A real server (Kestrel) would normalize or reject what it receives and hide exactly the evidence we
/// want: a second request smuggled into one forwarded request, a header value carrying CR or LF, a broken frame.
/// Every complete request gets a small keep-alive 200 whose body marks it as the upstream's.
/// </summary>
internal sealed class RecordingUpstream : IAsyncDisposable
{
    /// <summary>The body of every upstream answer, so a client can tell it from a gateway-generated response.</summary>
    public const string AnswerBody = "upstream-ok";

    private static readonly byte[] Answer = Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {AnswerBody.Length}\r\n\r\n{AnswerBody}");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<UpstreamConnection> _connections = new();
    private readonly Task _acceptLoop;

    public RecordingUpstream()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<UpstreamConnection> Connections => [.. _connections];

    /// <summary>Every complete request, over all connections.</summary>
    public IReadOnlyList<WireMessage> Requests => [.. _connections.SelectMany(c => c.Requests)];

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var connection = new UpstreamConnection();
                _connections.Enqueue(connection);
                _ = ServeAsync(client, connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client, UpstreamConnection connection)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var pending = new MemoryStream();
            try
            {
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        // An unfinished request at the end is one the gateway abandoned (its client left): not a request.
                        return;
                    }

                    connection.Append(buffer.AsSpan(0, read));
                    pending.Write(buffer, 0, read);
                    while (pending.Length > 0)
                    {
                        var status = WireParser.TryParse(pending.GetBuffer().AsSpan(0, (int)pending.Length), isResponse: false, bodyless: false, atEof: false, out var request, out var error);
                        if (status == ParseStatus.NeedMore)
                        {
                            break;
                        }

                        if (status == ParseStatus.Invalid)
                        {
                            // Nothing after a framing error can be trusted: record it and drop the connection.
                            connection.Fail(error!, pending.ToArray());
                            return;
                        }

                        connection.Add(request!);
                        var rest = pending.GetBuffer().AsSpan(request!.RawLength, (int)pending.Length - request.RawLength).ToArray();
                        pending.SetLength(0);
                        pending.Write(rest);
                        await stream.WriteAsync(Answer, _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The gateway reset the connection (a cancelled request): what arrived before is recorded.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}

/// <summary>What one gateway→upstream connection carried.</summary>
internal sealed class UpstreamConnection
{
    private readonly MemoryStream _raw = new();
    private readonly ConcurrentQueue<WireMessage> _requests = new();

    public IReadOnlyList<WireMessage> Requests => [.. _requests];

    /// <summary>Set when the bytes stopped being valid HTTP/1.1; the raw bytes from that point are in <see cref="FailedBytes"/>.</summary>
    public string? Error { get; private set; }

    public byte[] FailedBytes { get; private set; } = [];

    /// <summary>Every byte received, for reading a failure by eye.</summary>
    public byte[] Raw
    {
        get
        {
            lock (_raw)
            {
                return _raw.ToArray();
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_raw)
        {
            _raw.Write(bytes);
        }
    }

    public void Add(WireMessage request) => _requests.Enqueue(request);

    public void Fail(string error, byte[] bytes)
    {
        Error = error;
        FailedBytes = bytes;
    }
}
