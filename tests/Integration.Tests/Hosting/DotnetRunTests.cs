using System.Diagnostics;

namespace Gateway.Integration.Tests.Hosting;

/// <summary>The docs start the gateway with <c>dotnet run --project src/Host -- --config examples/…</c> from the
/// repository root: the relative path is the caller's, not the host project's folder (where the Web SDK would run it).</summary>
public sealed class DotnetRunTests
{
    [Fact]
    public async Task DotnetRun_ConfigPathRelativeToTheCallersFolder_IsFound()
    {
        // The host was built with this test project; run that build rather than building again mid-suite.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--no-build", "-c", configuration, "--project", "src/Host", "--", "check", "--config", "examples/claude-code/kong.yaml" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DECK_ANTHROPIC_API_KEY"] = "sk-ant-test";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet run did not exit within 90 s");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}");
        Assert.Contains("configuration is valid: 1 services, 1 routes, 2 plugins", output, StringComparison.Ordinal);
    }
}
