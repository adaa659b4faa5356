using System.Diagnostics;

namespace Gateway.Integration.Tests.Loading;

/// <summary>
/// Runs <c>dotnet publish src/Host -c Release -o TEMP</c> once for the tests that use it: publishing takes tens of
/// seconds, so every test of the published layout shares this one folder.
/// </summary>
public sealed class PublishedGatewayFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        // No build servers: nothing of this test should outlive the test run.
        foreach (var arg in new[] { "publish", Path.Combine("src", "Host"), "-c", "Release", "-o", Folder, "-nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner's own MSBuild settings (set for the test host) must not steer a separate build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish src/Host did not finish within 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish src/Host failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
