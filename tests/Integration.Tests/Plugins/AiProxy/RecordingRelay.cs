using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// A TCP relay between the gateway and the mock that records every byte the mock sends. The mock's message ids
/// are random, so the only way to know the exact bytes it produced for a request is to watch the wire.
/// Bytes are recorded before they are passed on, so once the client has seen the end of its response, the
/// relay holds all of it.
/// </summary>
internal sealed class RecordingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Recording> _connections = new();
    private readonly Task _acceptLoop;

    private RecordingRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static RecordingRelay Start(int targetPort) => new(targetPort);

    /// <summary>Every complete HTTP/1.1 response the upstream sent, over all connections.</summary>
    public IReadOnlyList<WireResponse> Responses => [.. _connections.SelectMany(c => WireResponse.ParseAll(c.Snapshot()))];

    /// <summary>Waits for the single response of a test and returns it.</summary>
    public async Task<WireResponse> SingleResponseAsync()
    {
        await Eventually.TrueAsync(() => Responses.Count > 0, "the relay saw no complete response");
        return Assert.Single(Responses);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var recording = new Recording();
                _connections.Enqueue(recording);
                var toServer = PumpAsync(client.GetStream(), server.Client, null);
                var toClient = PumpAsync(server.GetStream(), client.Client, recording);
                await Task.WhenAny(toServer, toClient);
                // One side closed: give the other a moment to drain, then drop both.
                await Task.WhenAny(Task.WhenAll(toServer, toClient), Task.Delay(2000));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, Socket to, Recording? recording)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                recording?.Append(buffer.AsSpan(0, read));
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // A reset on one side (a cancelled request) is passed on as a reset on the other.
            try
            {
                to.Close(0);
            }
            catch (ObjectDisposedException)
            {
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

    private sealed class Recording
    {
        private readonly MemoryStream _bytes = new();

        public void Append(ReadOnlySpan<byte> data)
        {
            lock (_bytes)
            {
                _bytes.Write(data);
            }
        }

        public byte[] Snapshot()
        {
            lock (_bytes)
            {
                return _bytes.ToArray();
            }
        }
    }
}

/// <summary>One HTTP/1.1 response as it crossed the wire: status, headers and the body after de-chunking (still
/// content-encoded, exactly as sent).</summary>
internal sealed record WireResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    /// <summary>The complete responses in the bytes of one connection; an incomplete last one is left out.</summary>
    public static IReadOnlyList<WireResponse> ParseAll(byte[] raw)
    {
        var responses = new List<WireResponse>();
        var position = 0;
        while (position < raw.Length && TryParse(raw, ref position) is { } response)
        {
            responses.Add(response);
        }

        return responses;
    }

    private static WireResponse? TryParse(byte[] raw, ref int position)
    {
        var headEnd = raw.AsSpan(position).IndexOf(HeadEnd);
        if (headEnd < 0)
        {
            return null;
        }

        var head = Encoding.ASCII.GetString(raw, position, headEnd).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        var at = position + headEnd + HeadEnd.Length;
        var body = new MemoryStream();
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var lineEnd = raw.AsSpan(at).IndexOf(LineEnd);
                if (lineEnd < 0)
                {
                    return null;
                }

                var sizeText = Encoding.ASCII.GetString(raw, at, lineEnd).Split(';')[0].Trim();
                var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                at += lineEnd + LineEnd.Length;
                if (size == 0)
                {
                    // No trailers expected: the last-chunk line is followed by an empty line.
                    if (raw.Length < at + LineEnd.Length)
                    {
                        return null;
                    }

                    at += LineEnd.Length;
                    break;
                }

                if (raw.Length < at + size + LineEnd.Length)
                {
                    return null;
                }

                body.Write(raw, at, size);
                at += size + LineEnd.Length;
            }
        }
        else if (headers.TryGetValue("content-length", out var lengthText))
        {
            var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
            if (raw.Length < at + length)
            {
                return null;
            }

            body.Write(raw, at, length);
            at += length;
        }

        position = at;
        return new WireResponse(status, headers, body.ToArray());
    }
}
