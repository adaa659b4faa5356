using Gateway.Host.Routing;

namespace Gateway.Host.Tests.Routing;

public sealed class PathEscapeTests
{
    [Theory]
    [InlineData("/plain/path-1_2.3~", "/plain/path-1_2.3~")]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/a b", "/a%20b")]
    [InlineData("/a\r\nHost: evil", "/a%0D%0AHost:%20evil")]
    [InlineData("/a\0b", "/a%00b")]
    [InlineData("/\"<>\\^`{|}", "/%22%3C%3E%5C%5E%60%7B%7C%7D")]
    [InlineData("/already%20encoded%2F", "/already%20encoded%2F")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    [InlineData("?q=é&x=1", "?q=%C3%A9&x=1")]
    public void Escape_UnsafeCharacters_ArePercentEncodedAsUtf8(string input, string expected) =>
        Assert.Equal(expected, PathEscape.Escape(input));

    [Fact]
    public void Escape_SafeText_ReturnsSameInstance()
    {
        var path = "/v1/messages";
        Assert.Same(path, PathEscape.Escape(path));
    }

    [Fact]
    public void Escape_IsIdempotent()
    {
        var once = PathEscape.Escape("/caf\u00e9 x\r\n");
        Assert.Equal(once, PathEscape.Escape(once));
    }
}
