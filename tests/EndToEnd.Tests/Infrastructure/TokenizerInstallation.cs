using System.Diagnostics;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The reference tokenizers of the count_tokens measurement, pinned npm packages installed once into
/// <c>.cache/tokenizers/…</c> like the other npm test clients: <c>gpt-tokenizer</c> (OpenAI's o200k_base and chat
/// overheads, for GPT-4o) and <c>llama3-tokenizer-js</c> (Llama 3, as Ollama and vLLM serve it). They are run by
/// <c>node</c> with <c>tests/EndToEnd.Tests/Tokenizers/count.mjs</c>. No skip: without node or npm the tests fail
/// with the reason.
/// </summary>
public sealed class TokenizerInstallation : IAsyncLifetime
{
    public const string GptTokenizerVersion = "4.0.0";
    public const string Llama3TokenizerVersion = "1.2.0";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public string Folder { get; } = Path.Combine(RepoPaths.Root, ".cache", "tokenizers", $"gpt-tokenizer-{GptTokenizerVersion}-llama3-tokenizer-js-{Llama3TokenizerVersion}");

    public static string Script { get; } = Path.Combine(RepoPaths.Root, "tests", "EndToEnd.Tests", "Tokenizers", "count.mjs");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        await using var installLock = await NpmPackage.AcquireLockAsync(Path.Combine(Path.GetDirectoryName(Folder)!, "install.lock"), InstallTimeout);
        var marker = Path.Combine(Folder, ".installed");
        if (File.Exists(marker))
        {
            return;
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        await NpmPackage.InstallAsync(Folder, [("gpt-tokenizer", GptTokenizerVersion), ("llama3-tokenizer-js", Llama3TokenizerVersion)], InstallTimeout);
        await File.WriteAllTextAsync(marker, $"{GptTokenizerVersion} {Llama3TokenizerVersion}\n");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Counts each Chat Completions body of <paramref name="bodiesFile"/> (a JSON array); returns the script's JSON line.</summary>
    public async Task<string> CountAsync(string bodiesFile)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Script, Folder, bodiesFile })
        {
            start.ArgumentList.Add(arg);
        }

        var (code, stdout, stderr) = await NodeProcess.RunAsync(start, "the reference tokenizers (count.mjs)");
        return code == 0 ? stdout : throw new InvalidOperationException($"node count.mjs exited {code}\nstdout: {stdout}\nstderr: {stderr}");
    }
}

/// <summary>The real Claude Code CLI (for realistic requests) and the reference tokenizers.</summary>
[CollectionDefinition(Name)]
public sealed class TokenizerCollection : ICollectionFixture<TokenizerInstallation>, ICollectionFixture<ClaudeCodeInstallation>
{
    public const string Name = "reference tokenizers";
}
