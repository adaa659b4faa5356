namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>Configurations this gateway does not implement yet fail the real executable at startup.</summary>
public sealed class AiProxyStartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("gemini", "anthropic", "config.llm_format: llm_format 'gemini' is not supported by this gateway yet")]
    [InlineData("anthropic", "openai", "config.model.provider: model.provider 'openai' is not supported")]
    public async Task Check_UnsupportedFormatOrProvider_ExitsOneSayingNotSupported(string llmFormat, string provider, string expected)
    {
        var setup = new AiProxySetup { LlmFormat = llmFormat, Provider = provider };
        var config = _folder.Write("kong.yaml", setup.ToYaml("http://127.0.0.1:9/v1/messages", _folder.File("ai.log")));
        var catalog = PluginCatalogFile.Write(_folder.Path);

        var (code, _, stderr) = await HostProcess.RunAsync(["--check", "--plugins", catalog, "--config", config]);

        Assert.Equal(1, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TutorialConfig_ExitsZero()
    {
        var config = _folder.Write("kong.yaml", new AiProxySetup().ToYaml("http://127.0.0.1:9/v1/messages", _folder.File("ai.log")));

        var (code, stdout, stderr) = await HostProcess.RunAsync(["--check", "--plugins", PluginCatalogFile.Write(_folder.Path), "--config", config]);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration is valid", stdout, StringComparison.Ordinal);
    }
}
