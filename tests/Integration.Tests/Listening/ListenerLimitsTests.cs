using System.Net.Sockets;
using Gateway.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Integration.Tests.Listening;

/// <summary>The proxy listener holds idle and half-sent connections no longer than nginx would, and caps how many
/// are open.</summary>
public sealed class ListenerLimitsTests
{
    [Fact]
    public async Task Defaults_AreNginxTimeoutsAndAConnectionCap()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        var limits = gateway.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(60), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), limits.RequestHeadersTimeout);
        Assert.Equal(16_384, limits.MaxConcurrentConnections);
        Assert.Null(limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task IdleConnection_IsClosedAfterTheConfiguredKeepAliveTimeout()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(upstream.Port, "  []")],
            arguments: ["--Kestrel:Limits:KeepAliveTimeout=00:00:02", "--Kestrel:Limits:MaxConcurrentConnections=500"]);
        Assert.Equal(500, gateway.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentConnections);

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", gateway.BaseUri.Port);

        // Sends nothing: the gateway must end the connection by itself (read returns 0), well before this bound.
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, read);
    }
}
