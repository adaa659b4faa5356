using System.Net.Sockets;
using System.Text;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>Sends bytes no well-behaved client library would send and reads back the raw response head.</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> on a new connection and returns the status code of the response
    /// (0 when the gateway closed the connection without answering).</summary>
    public static async Task<(int Status, string Response)> SendAsync(Uri gateway, string request, TimeSpan? timeout = null)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", gateway.Port);
        await socket.SendAsync(Encoding.Latin1.GetBytes(request));
        var received = new StringBuilder();
        var buffer = new byte[8192];
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (read == 0)
                    break;
                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                var text = received.ToString();
                var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headEnd > 0 && BodyComplete(text, headEnd + 4))
                    break;
            }
        }
        catch (SocketException)
        {
            // A reset after the answer still leaves the answer to read.
        }

        var response = received.ToString();
        var status = response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, response);
    }

    private static bool BodyComplete(string text, int bodyStart)
    {
        var head = text[..bodyStart];
        var marker = "\r\nContent-Length: ";
        var at = head.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return true;
        var end = head.IndexOf('\r', at + marker.Length);
        var length = int.Parse(head.AsSpan(at + marker.Length, end - at - marker.Length), System.Globalization.CultureInfo.InvariantCulture);
        return text.Length - bodyStart >= length;
    }
}
