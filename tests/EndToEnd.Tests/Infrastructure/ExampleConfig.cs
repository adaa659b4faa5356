using System.Text.RegularExpressions;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>The tutorial's decK files from <c>examples/claude-code/</c>, read as a user would pass them.</summary>
internal static partial class ExampleConfig
{
    public static readonly string Folder = System.IO.Path.Combine(RepoPaths.Root, "examples", "claude-code");

    /// <summary><c>examples/claude-code-team/</c>: the team setup (key-auth, three consumers).</summary>
    public static readonly string TeamFolder = System.IO.Path.Combine(RepoPaths.Root, "examples", "claude-code-team");

    public static readonly IReadOnlyList<string> ThreeFiles = ["1-service-route.yaml", "2-ai-proxy.yaml", "3-file-log.yaml"];

    public const string SingleFile = "kong.yaml";

    /// <summary><c>examples/openai-clients</c>: the OpenAI-clients-to-Claude direction.</summary>
    public static readonly string OpenAiClientsFile = System.IO.Path.Combine(RepoPaths.Root, "examples", "openai-clients", "kong.yaml");

    /// <summary><c>examples/claude-code-local-model</c>: Claude Code on an OpenAI-compatible backend.</summary>
    public static readonly string LocalModelFile = System.IO.Path.Combine(RepoPaths.Root, "examples", "claude-code-local-model", "kong.yaml");

    /// <summary>The plugins the examples use, from the standard catalog.</summary>
    public static readonly IReadOnlyDictionary<string, string> AiProxyAndFileLog = new Dictionary<string, string>
    {
        ["ai-proxy"] = PluginCatalogFile.Standard["ai-proxy"],
        ["file-log"] = PluginCatalogFile.Standard["file-log"],
    };

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>examples/claude-code-local-model with the mock's Chat Completions side for Ollama and file-log writing to <paramref name="logPath"/>.</summary>
    public static string LocalModelForLocalRun(Uri mockBaseUri, string logPath) =>
        File.ReadAllText(LocalModelFile)
            .Replace("http://localhost:11434/v1/chat/completions", new Uri(mockBaseUri, "/v1/chat/completions").ToString(), StringComparison.Ordinal)
            .Replace("path: /tmp/claude-local.json", $"path: \"{logPath}\"", StringComparison.Ordinal);

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>
    /// The files as written, with the two changes a local run needs: ai-proxy's upstream is the mock
    /// (<c>model.options.upstream_url</c>, the documented offline setup) and file-log writes to a test folder.
    /// <paramref name="modelOptions"/> adds lines under <c>model.options</c> (prices, e.g. <c>input_cost: 3</c>).
    /// </summary>
    public static IReadOnlyList<string> ForLocalRun(IReadOnlyList<string> names, Uri upstreamUrl, string logPath, IReadOnlyList<string>? modelOptions = null) =>
        [.. names.Select(name => ForLocalRun(Read(name), upstreamUrl, logPath, modelOptions ?? []))];

    /// <summary>One file's text with the same changes as <see cref="ForLocalRun(IReadOnlyList{string}, Uri, string, IReadOnlyList{string}?)"/>.</summary>
    public static string ForLocalRun(string yaml, Uri upstreamUrl, string logPath, IReadOnlyList<string>? modelOptions = null)
    {
        if (yaml.Contains("name: ai-proxy", StringComparison.Ordinal))
        {
            yaml = ReplaceOnce(yaml, AnthropicVersionLine(), m =>
                $"{m.Value}\n{m.Groups["indent"].Value}upstream_url: \"{upstreamUrl.ToString().TrimEnd('/')}\""
                + string.Concat((modelOptions ?? []).Select(option => $"\n{m.Groups["indent"].Value}{option}")));
        }

        if (yaml.Contains("name: file-log", StringComparison.Ordinal))
        {
            yaml = ReplaceOnce(yaml, FileLogPathLine(), m => $"{m.Groups["indent"].Value}path: \"{logPath}\"");
        }

        return yaml;
    }

    private static string ReplaceOnce(string yaml, Regex pattern, MatchEvaluator replacement)
    {
        var count = pattern.Count(yaml);
        return count == 1
            ? pattern.Replace(yaml, replacement)
            : throw new InvalidOperationException($"expected exactly one match of /{pattern}/ in the example, found {count}:\n{yaml}");
    }

    [GeneratedRegex("""^(?<indent>[ ]*)anthropic_version: "2023-06-01"[ ]*$""", RegexOptions.Multiline)]
    private static partial Regex AnthropicVersionLine();

    [GeneratedRegex("""^(?<indent>[ ]*)path: /tmp/[a-z-]+\.json[ ]*$""", RegexOptions.Multiline)]
    private static partial Regex FileLogPathLine();
}
