using System.Net;
using System.Net.Sockets;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;

/// <summary>A client for the gateway whose connections come from another loopback address (127.0.0.0/8 is all
/// local on Linux), so the gateway sees a different client IP.</summary>
internal static class LoopbackClient
{
    public static HttpClient From(Uri gateway, string address) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = gateway,
        };
}
