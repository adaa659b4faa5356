using Gateway.Host.Loading;

namespace Gateway.Host.Tests.Loading;

public sealed class SemanticVersionTextTests
{
    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.0.1")]
    [InlineData("10.20.30")]
    [InlineData("2.1.0-beta.1")]
    [InlineData("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-0A.is.legal")]
    public void IsValid_SemVer2Version_IsTrue(string version) => Assert.True(SemanticVersionText.IsValid(version));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("latest")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0.0")]
    [InlineData("1.0.0\n")]
    [InlineData(" 1.0.0")]
    public void IsValid_NotSemVer2_IsFalse(string? version) => Assert.False(SemanticVersionText.IsValid(version));
}
