using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>
/// A real Debian <c>redis-server</c> on a free loopback port, no persistence, owned by the test that started it. It
/// is installed with apt-get when missing (the tests run as root, as CI does); if that fails the test fails with the
/// reason, never skips. <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> play an outage on the same port.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private Process? _process;

    private RedisServer(int port, string? password)
    {
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The <c>requirepass</c> the server was started with, or null.</summary>
    public string? Password { get; }

    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        await EnsureInstalledAsync();
        var server = new RedisServer(FreePort(), password);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CommandAsync("PING") != "+PONG")
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exited: {_process.HasExited})");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (an outage, not a shutdown).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Sends one inline command and returns the first reply line, or null when nothing answers.</summary>
    public async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            var auth = Password is null ? string.Empty : $"AUTH {Password}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(auth + command + "\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            if (Password is not null)
            {
                await reader.ReadLineAsync();
            }

            var line = await reader.ReadLineAsync();
            if (line is not null && line.StartsWith('$') && line != "$-1")
            {
                line = await reader.ReadLineAsync();
            }

            return line;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Binary))
            {
                return;
            }

            var (code, output) = await RunAsync("apt-get", "install", "-y", "-q", "--no-install-recommends", "redis-server");
            if (code != 0)
            {
                // A fresh machine has no package lists yet.
                await RunAsync("apt-get", "update", "-q");
                (code, output) = await RunAsync("apt-get", "install", "-y", "-q", "--no-install-recommends", "redis-server");
            }

            Assert.True(File.Exists(Binary),
                $"redis-server is missing and 'apt-get install -y redis-server' failed (exit {code}); these tests need a real Redis. Output:\n{output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program} could not run: {e.Message}");
        }
    }
}
