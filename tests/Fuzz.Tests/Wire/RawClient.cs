using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Fuzz.Tests.Wire;

/// <summary>Bytes to write, then a pause: splitting a request across writes with pauses exercises the server's
/// incremental parsing, which one write never does.</summary>
internal sealed record Segment(byte[] Bytes, int PauseAfterMs);

/// <summary>What the client saw on one connection.</summary>
/// <param name="Responses">The complete final responses (interim 1xx left out), in order.</param>
/// <param name="Raw">Every byte the gateway sent back.</param>
/// <param name="Ended">How reading stopped.</param>
internal sealed record RawExchange(IReadOnlyList<WireMessage> Responses, byte[] Raw, ExchangeEnd Ended);

internal enum ExchangeEnd
{
    /// <summary>As many responses as requests arrived.</summary>
    AllAnswered,

    /// <summary>The gateway closed the connection (or reset it).</summary>
    Closed,

    /// <summary>Nothing more within the read timeout.</summary>
    TimedOut,

    /// <summary>The client closed the connection on purpose without reading.</summary>
    Aborted,
}

/// <summary>A client on a raw socket, so it can send what no HTTP library would: arbitrary bytes, split writes,
/// abandoned bodies.</summary>
internal static class RawClient
{
    /// <param name="expectedResponses">Stop reading once this many final responses arrived.</param>
    /// <param name="bodyless">Which responses (by index) answer a HEAD and so have no body.</param>
    /// <param name="abort">Close the connection right after the last write instead of reading.</param>
    public static async Task<RawExchange> ExchangeAsync(
        int port,
        IReadOnlyList<Segment> segments,
        int expectedResponses,
        Func<int, bool> bodyless,
        bool abort,
        TimeSpan readTimeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var received = new MemoryStream();
        foreach (var segment in segments)
        {
            try
            {
                await socket.SendAsync(segment.Bytes, SocketFlags.None);
            }
            catch (SocketException)
            {
                // The gateway already rejected the request and closed; what it answered is still readable.
                break;
            }

            if (segment.PauseAfterMs > 0)
            {
                await Task.Delay(segment.PauseAfterMs);
            }
        }

        if (abort)
        {
            // A reset, not a polite close: the harshest way a client can leave.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return new RawExchange([], [], ExchangeEnd.Aborted);
        }

        var buffer = new byte[64 * 1024];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = readTimeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return new RawExchange(Parse(received, bodyless, atEof: false), received.ToArray(), ExchangeEnd.TimedOut);
            }

            int read;
            try
            {
                using var timeout = new CancellationTokenSource(left);
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            catch (SocketException)
            {
                read = 0;
            }

            if (read == 0)
            {
                return new RawExchange(Parse(received, bodyless, atEof: true), received.ToArray(), ExchangeEnd.Closed);
            }

            received.Write(buffer, 0, read);
            var responses = Parse(received, bodyless, atEof: false);
            if (responses.Count >= expectedResponses)
            {
                return new RawExchange(responses, received.ToArray(), ExchangeEnd.AllAnswered);
            }
        }
    }

    private static List<WireMessage> Parse(MemoryStream received, Func<int, bool> bodyless, bool atEof)
    {
        var all = WireParser.ParseAll(received.GetBuffer().AsSpan(0, (int)received.Length), isResponse: true, atEof, out _, bodyless);
        // Interim responses (100 Continue) are not answers.
        return [.. all.Where(r => r.Status is < 100 or >= 200)];
    }
}
