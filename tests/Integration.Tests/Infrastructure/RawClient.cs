using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 connection driven byte by byte, for what HttpClient will not send: broken chunked framing, a body
/// that stops halfway, a client that leaves mid-body, an absolute-form request target.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RawClient()
    {
    }

    public static async Task<RawClient> ConnectAsync(int port)
    {
        var client = new RawClient();
        await client._socket.ConnectAsync("127.0.0.1", port);
        return client;
    }

    /// <summary>Time since the connection was opened.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sends the text one byte per character (Latin-1), so a test can write bytes >= 0x80 as \u00XX.</summary>
    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Sends one request on a new connection and reads its response (null: closed without an answer).</summary>
    public static async Task<RawResponse?> ExchangeAsync(int port, string request)
    {
        using var client = await ConnectAsync(port);
        await client.SendAsync(request);
        return await client.ReadResponseAsync();
    }

    /// <summary>Ends the connection from this side (FIN) and closes it, like a client that gives up mid-request.</summary>
    public void Leave()
    {
        _socket.Shutdown(SocketShutdown.Send);
        _socket.Close();
    }

    /// <summary>Closes the connection without a word (RST), like a client killed mid-request.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Reads one response: the status line, the headers and a Content-Length body (or everything up to
    /// the close). Returns null when the gateway closed the connection without answering.</summary>
    public async Task<RawResponse?> ReadResponseAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(20));
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            if (!await ReceiveAsync(buffer, received, cts.Token))
            {
                return null;
            }
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headerEnd)]);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var at = _clock.Elapsed;
        var length = headers.TryGetValue("content-length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        while (length >= 0 && received.Count - headerEnd - 4 < length)
        {
            if (!await ReceiveAsync(buffer, received, cts.Token))
            {
                break;
            }
        }

        var body = Encoding.UTF8.GetString([.. received.Skip(headerEnd + 4)]);
        return new RawResponse(status, headers, body, at);
    }

    private async Task<bool> ReceiveAsync(byte[] buffer, List<byte> received, CancellationToken cancellationToken)
    {
        try
        {
            var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            received.AddRange(buffer.AsSpan(0, n).ToArray());
            return n > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = bytes[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A response as <see cref="RawClient"/> read it; <paramref name="At"/> is when its headers arrived.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan At);
