using Gateway.Plugins.Prometheus.Metrics;

namespace Gateway.Plugins.Prometheus.Tests.Metrics;

public sealed class ClientLabelSetTests
{
    [Fact]
    public void Resolve_MoreDistinctValuesThanTheLimit_AdmitsTheFirstOnesAndCountsTheRestAsOther()
    {
        var labels = new ClientLabelSet();

        var resolved = Enumerable.Range(0, 1000).Select(i => labels.Resolve($"session-{i}", limit: 10)).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"session-{i}"), resolved.Take(10));
        Assert.All(resolved.Skip(10), label => Assert.Equal(ClientLabelSet.Other, label));
        Assert.Equal(10, labels.Count);
        Assert.Equal("session-3", labels.Resolve("session-3", limit: 10));
    }

    [Fact]
    public void Resolve_ConcurrentNewValues_NeverAdmitsMoreThanTheLimit()
    {
        var labels = new ClientLabelSet();

        Parallel.For(0, 10_000, i => labels.Resolve($"s{i}", limit: 50));

        Assert.Equal(50, labels.Count);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("quote\"")]
    [InlineData("new\nline")]
    [InlineData("x{y}")]
    [InlineData("é")]
    public void Resolve_ValueThatIsNotLabelSafe_IsOtherAndNotAdmitted(string value)
    {
        var labels = new ClientLabelSet();

        Assert.Equal(ClientLabelSet.Other, labels.Resolve(value, limit: 10));
        Assert.Equal(0, labels.Count);
    }

    [Fact]
    public void Resolve_TooLongValue_IsOther()
    {
        var labels = new ClientLabelSet();

        Assert.Equal(ClientLabelSet.Other, labels.Resolve(new string('a', ClientLabelSet.MaxLength + 1), limit: 10));
        Assert.Equal(new string('a', ClientLabelSet.MaxLength), labels.Resolve(new string('a', ClientLabelSet.MaxLength), limit: 10));
    }

    [Fact]
    public void Resolve_Empty_IsTheEmptyLabel()
    {
        Assert.Equal(string.Empty, new ClientLabelSet().Resolve(string.Empty, limit: 10));
    }

    [Theory]
    [InlineData("claude-cli/2.1.328 (external, cli)", "claude-cli")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)", "Mozilla")]
    [InlineData("python-requests", "python-requests")]
    [InlineData(" spaced ", "")]
    [InlineData("", "")]
    public void UserAgentFamily_IsTheProductName(string userAgent, string family)
    {
        Assert.Equal(family, ClientLabelSet.UserAgentFamily(userAgent).ToString());
    }
}
