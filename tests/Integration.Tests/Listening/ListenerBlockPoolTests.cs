using System.Text;
using Gateway.Host.Listening;
using Gateway.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Integration.Tests.Listening;

/// <summary>Kestrel's socket transport receives into the gateway's pool of 32 KB blocks (so a 90 KB body arrives in a
/// few large reads), and a connection gives its blocks back once it has nothing left to receive or send.</summary>
public sealed class ListenerBlockPoolTests
{
    private static readonly string LargeBody = new('x', 90 * 1024);

    [Fact]
    public async Task TheSocketTransport_ReceivesIntoTheGatewaysPool()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        using var response = await gateway.Client.PostAsync("/r", new StringContent(LargeBody, Encoding.ASCII, "text/plain"));

        response.EnsureSuccessStatusCode();
        Assert.Equal(LargeBody, Assert.Single(upstream.Received).Body);
        var factory = Assert.IsType<ListenerBlockPoolFactory>(gateway.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        // The transport makes one pool per I/O queue and spreads connections over them.
        Assert.Contains(factory.Pools, pool => pool.Allocated > 0);
        Assert.All(factory.Pools, pool => Assert.Equal(32 * 1024, pool.MaxBufferSize));
    }

    [Fact]
    public async Task TheOperatorsBlockSize_IsTheOneTheTransportUses()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(upstream.Port, "  []")], arguments: ["--Gateway:ListenerBlockSize=16384"]);

        using var response = await gateway.Client.PostAsync("/r", new StringContent(LargeBody, Encoding.ASCII, "text/plain"));

        response.EnsureSuccessStatusCode();
        var factory = (ListenerBlockPoolFactory)gateway.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        Assert.Contains(factory.Pools, pool => pool.Allocated > 0);
        Assert.All(factory.Pools, pool => Assert.Equal(16384, pool.MaxBufferSize));
    }

    [Fact]
    public async Task KeepAliveConnection_HoldsNoBlockBetweenRequests()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));
        var factory = (ListenerBlockPoolFactory)gateway.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>();

        for (var i = 0; i < 5; i++)
        {
            using var large = await gateway.Client.PostAsync("/r", new StringContent(LargeBody, Encoding.ASCII, "text/plain"));
            large.EnsureSuccessStatusCode();
            using var small = await gateway.Client.GetAsync("/r/small");
            small.EnsureSuccessStatusCode();
        }

        // The connection stays open (HttpClient keeps it alive); its last response may still be draining to the
        // socket for a moment after the client has read it.
        for (var wait = 0; wait < 500 && factory.Pools.Sum(pool => pool.Outstanding) != 0; wait++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(10, upstream.Received.Count);
        Assert.All(upstream.Received.Where(r => r.Method == "POST"), r => Assert.Equal(LargeBody.Length, r.Body.Length));
        Assert.Equal(0, factory.Pools.Sum(pool => pool.Outstanding));
        Assert.True(factory.Pools.Sum(pool => pool.Allocated) > 0);
    }
}
