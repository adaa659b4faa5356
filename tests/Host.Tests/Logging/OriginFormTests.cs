using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

public sealed class OriginFormTests
{
    [Theory]
    [InlineData("/anything/v1/messages?beta=true", "/anything/v1/messages?beta=true")]
    [InlineData("http://gw.example:8000/r/x?a=1", "/r/x?a=1")]
    [InlineData("http://gw.example:8000", "/")]
    [InlineData("http://gw.example?a=1", "/?a=1")]
    [InlineData("https://[::1]:8443/p", "/p")]
    [InlineData("*", "*")]
    public void OriginForm_RequestTarget_IsNginxsRequestUri(string target, string expected)
    {
        Assert.Equal(expected, LogEntryWriter.OriginForm(target));
    }
}
