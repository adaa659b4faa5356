using Microsoft.AspNetCore.Http;
using static Gateway.Host.Tests.Routing.RouterTestConfig;

namespace Gateway.Host.Tests.Routing;

/// <summary>Match runs per request; scanning candidates must not allocate (only the result does).</summary>
public sealed class RouterAllocationTests
{
    [Fact]
    public void Match_ThousandRoutesNoMatch_DoesNotAllocate()
    {
        var routes = Enumerable.Range(0, 1000).Select(i => (i % 4) switch
        {
            0 => Route($"plain{i}", paths: [$"/svc{i}/"]),
            1 => Route($"regex{i}", paths: [$"~/re{i}/(?<id>\\d+)"]),
            2 => Route($"host{i}", hosts: [$"*.h{i}.example"], methods: ["POST"]),
            _ => Route($"header{i}", headers: new() { ["x-tenant"] = [$"t{i}", "~*^team-"] }),
        }).ToArray();
        var router = Router(routes);
        var headers = new HeaderDictionary { ["X-Tenant"] = "nobody" };
        router.Match("GET", "api.example.com:8000", "/nothing/here", headers);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var match = router.Match("GET", "api.example.com:8000", "/nothing/here", headers);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(match);
        Assert.Equal(0, allocated);
        Assert.Equal("regex997", router.Match("/re997/12")?.Route.Name);
    }
}
