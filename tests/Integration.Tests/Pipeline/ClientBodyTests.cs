using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Pipeline;

public sealed class ClientBodyTests
{
    [Fact]
    public async Task Access_ClientAbandonsBodyHalfway_NoPluginFailureAndKeepsServing()
    {
        var logs = new RecordingLoggerProvider();
        await using var gateway = await GatewayTestHost.StartAsync(
            ["""
            _format_version: "3.0"
            services:
              - name: never-called
                url: http://127.0.0.1:9
                routes:
                  - name: yaml
                    paths: ["/yaml"]
                    plugins:
                      - name: yaml-echo
            """],
            loggerProvider: logs);

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", gateway.BaseUri.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes("POST /yaml HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\ngreeting: hi"));
            socket.Shutdown(SocketShutdown.Send);
            try
            {
                await socket.ReceiveAsync(new byte[4096], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (SocketException)
            {
                // Kestrel may reset a connection whose request body ended early; either way the client is gone.
            }
        }

        for (var i = 0; i < 100 && !logs.Entries.Any(e => e.EventId.Id == 6); i++)
        {
            await Task.Delay(20);
        }

        Assert.Contains(logs.Entries, e => e.EventId.Id == 6 && e.Level == LogLevel.Information);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        using var next = await gateway.Client.PostAsync("/yaml", new StringContent("greeting: again\n"));
        Assert.Equal(200, (int)next.StatusCode);
    }
}
