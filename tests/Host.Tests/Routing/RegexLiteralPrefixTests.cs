using Gateway.Host.Routing;

namespace Gateway.Host.Tests.Routing;

/// <summary>The route index files a regex route under the literal text its matches must start with.</summary>
public sealed class RegexLiteralPrefixTests
{
    [Theory]
    [InlineData("^/re1/(?<id>\\d+)", "/re1/")]
    [InlineData("^/api/v1", "/api/v1")]
    [InlineData("^/ab?c", "/a")]
    [InlineData("^/ab*", "/a")]
    [InlineData("^/ab+", "/a")]
    [InlineData("^/ab{2}", "/a")]
    [InlineData("^/a.c", "/a")]
    [InlineData("^/a\\/b", "/a")]
    [InlineData("^/a[bc]", "/a")]
    [InlineData("^(?i)/api", "")]
    [InlineData("^/a|/b", "")]
    [InlineData("^/(a|b)", "")]
    [InlineData("^^/a", "")]
    public void Of_Pattern_GivesTextEveryMatchStartsWith(string pattern, string expected) =>
        Assert.Equal(expected, RegexLiteralPrefix.Of(pattern));
}
