using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The official <c>openai</c> npm package at a pinned version, installed once into <c>.cache/openai-node/VERSION</c>
/// like the Claude Code CLI (same lock and marker scheme), and run by <c>node</c> with the scenario script
/// <c>tests/EndToEnd.Tests/OpenAiNode/client.cjs</c>. No skip: without node or npm every test fails with the reason.
/// </summary>
public sealed class OpenAiNodeInstallation : IAsyncLifetime
{
    public const string Version = "6.30.1"; // 7.x requires Node 22; the CI image and this machine have Node 20
    private const string Package = "openai";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public string Folder { get; } = Path.Combine(RepoPaths.Root, ".cache", "openai-node", Version);

    public static string Script { get; } = Path.Combine(RepoPaths.Root, "tests", "EndToEnd.Tests", "OpenAiNode", "client.cjs");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        await using var installLock = await NpmPackage.AcquireLockAsync(Path.Combine(Path.GetDirectoryName(Folder)!, "install.lock"), InstallTimeout);
        var marker = Path.Combine(Folder, ".installed");
        if (File.Exists(marker) && await InstalledVersionAsync() == Version)
        {
            return;
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        await NpmPackage.InstallAsync(Folder, Package, Version, InstallTimeout);
        var installed = await InstalledVersionAsync();
        if (installed != Version)
        {
            throw new InvalidOperationException($"npm installed {Package} into {Folder}, but node reports version '{installed}', not {Version}");
        }

        await File.WriteAllTextAsync(marker, Version + "\n");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs one scenario of the script against <paramref name="baseUrl"/>, asking for <paramref name="model"/>
    /// (the script's Claude model when null); returns its JSON line.
    /// </summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri baseUrl, string scenario, string? model = null)
    {
        var start = model is null ? Node(Script, baseUrl.ToString().TrimEnd('/'), scenario) : Node(Script, baseUrl.ToString().TrimEnd('/'), scenario, model);
        return await NodeProcess.RunAsync(start, $"the openai package's scenario {scenario}");
    }

    /// <summary>What the SDK returned or raised in one scenario (the script must exit 0 either way).</summary>
    public async Task<JsonNode> ScenarioAsync(Uri baseUrl, string scenario, string? model = null)
    {
        var (code, stdout, stderr) = await RunAsync(baseUrl, scenario, model);
        Assert.True(code == 0, $"node exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return JsonNode.Parse(stdout.Split('\n')[^1])!;
    }

    /// <summary>What the SDK returned in a scenario that must succeed.</summary>
    public async Task<JsonNode> ScenarioValueAsync(Uri baseUrl, string scenario, string? model = null)
    {
        var result = await ScenarioAsync(baseUrl, scenario, model);
        Assert.True((bool)result["ok"]!, result.ToJsonString());
        return result["value"]!;
    }

    private async Task<string?> InstalledVersionAsync()
    {
        try
        {
            using var process = Process.Start(Node("-e", "process.stdout.write(require('openai/version').VERSION)"))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? await stdout : null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"The end-to-end tests need node to run the openai npm package, but 'node' could not be started ({ex.Message}).", ex);
        }
    }

    private ProcessStartInfo Node(params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // CommonJS resolution from the pinned install, nothing from the developer's global modules.
        start.Environment["NODE_PATH"] = Path.Combine(Folder, "node_modules");
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("OPENAI_BASE_URL");
        return start;
    }
}

[CollectionDefinition(Name)]
public sealed class OpenAiNodeCollection : ICollectionFixture<OpenAiNodeInstallation>
{
    public const string Name = "openai npm package";
}
