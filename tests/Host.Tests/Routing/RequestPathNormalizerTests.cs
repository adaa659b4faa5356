using Gateway.Host.Routing;

namespace Gateway.Host.Tests.Routing;

public sealed class RequestPathNormalizerTests
{
    [Theory]
    [InlineData("/anything/../anything//v1/%6Dessages", "/anything/v1/messages")]
    [InlineData("/a/%2f/b", "/a/%2F/b")]
    [InlineData("/%7Euser/%41%42", "/~user/AB")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/.", "/a/")]
    [InlineData("/..", "/")]
    [InlineData("/../../x", "/x")]
    [InlineData("//a///b//", "/a/b/")]
    [InlineData("/a/%2E%2E/b", "/b")]
    [InlineData("/a/%zz/%4", "/a/%zz/%4")]
    [InlineData("/a..b/.c/..d", "/a..b/.c/..d")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/caf%C3%A9", "/café")]
    [InlineData("/caf%c3%a9/%e6%97%a5%e6%9c%ac", "/café/日本")]
    [InlineData("/a%20b%22c", "/a b\"c")]
    [InlineData("/a%0D%0Ab%00c%7f", "/a%0D%0Ab%00c%7F")]
    [InlineData("/%25C3%25A9", "/%25C3%25A9")]
    [InlineData("/caf%C3", "/caf%C3")]
    [InlineData("/%FF%FE/x", "/%FF%FE/x")]
    public void Normalize_Cases_GiveKongForm(string raw, string expected) =>
        Assert.Equal(expected, RequestPathNormalizer.Normalize(raw));

    [Fact]
    public void Normalize_CleanPath_ReturnsSameInstance()
    {
        var raw = "/anything/v1/messages";
        Assert.Same(raw, RequestPathNormalizer.Normalize(raw));
    }
}
