using System.Text;
using System.Text.Json;
using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

public sealed class QueryStringWriterTests
{
    [Theory]
    [InlineData(null, "{}")]
    [InlineData("?", "{}")]
    [InlineData("?beta=true", """{"beta":"true"}""")]
    [InlineData("?flag", """{"flag":true}""")]
    [InlineData("?a=1&a=2&b=", """{"a":["1","2"],"b":""}""")]
    [InlineData("?q=hello+world%21", """{"q":"hello world!"}""")]
    public void Write_KongQuerystringRules_FlagsTrueRepeatsArrays(string? query, string expected)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            QueryStringWriter.Write(writer, query, []);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"querystring\":" + expected + "}", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
