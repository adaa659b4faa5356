using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.EndToEnd.Tests.Infrastructure;

namespace Gateway.EndToEnd.Tests;

/// <summary>Keeps docs/claude-code.md honest: the files it names exist, its log line is a real, redacted line.</summary>
public sealed partial class ClaudeCodeDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "claude-code.md"));

    [Fact]
    public void ClaudeCodeDoc_ExampleFiles_AllExist()
    {
        var named = ExamplePath().Matches(Doc).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("kong.yaml", named);
        Assert.All(named, name => Assert.True(File.Exists(ExampleConfig.Path(name)), $"docs/claude-code.md names examples/claude-code/{name}, which does not exist"));
    }

    [Fact]
    public void ClaudeCodeDoc_TeamExampleFiles_AllExist()
    {
        var named = TeamExamplePath().Matches(Doc).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(["gateway_key.sh", "kong.yaml", "settings.json"], named.Order(StringComparer.Ordinal));
        Assert.All(named, name => Assert.True(File.Exists(Path.Combine(ExampleConfig.TeamFolder, name)), $"docs/claude-code.md names examples/claude-code-team/{name}, which does not exist"));
    }

    [Fact]
    public void ClaudeCodeDoc_RealLogLine_IsAClaudeCodeStreamWithTheKeyRedacted()
    {
        var section = Doc[Doc.IndexOf("### A real line", StringComparison.Ordinal)..];
        var line = JsonNode.Parse(JsonBlock().Match(section).Groups[1].Value)!;

        Assert.StartsWith("claude-cli/", (string)line["request"]!["headers"]!["user-agent"]!, StringComparison.Ordinal);
        Assert.Equal("REDACTED", (string?)line["request"]!["headers"]!["x-api-key"]);
        Assert.Equal("stream", (string?)line["ai"]!["proxy"]!["meta"]!["request_mode"]);
        var usage = line["ai"]!["proxy"]!["usage"]!;
        Assert.Equal((int)usage["total_tokens"]!, (int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!);
    }

    [GeneratedRegex(@"examples/claude-code/([\w.-]+\.(?:yaml|sh|json))")]
    private static partial Regex ExamplePath();

    [GeneratedRegex(@"examples/claude-code-team/([\w.-]+\.(?:yaml|sh|json))")]
    private static partial Regex TeamExamplePath();

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
