using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Bench.LoadGen.Processes;

/// <summary>
/// The redis-server of <c>--with-budget redis</c>: Debian's binary on a free loopback port, nothing persisted (the
/// flags the integration tests use). The caller tracks its <see cref="ManagedProcess"/>, so the lab stops it with
/// everything else. Inline commands over a fresh socket are enough to see it answer and to count keys.
/// </summary>
internal sealed class RedisServer
{
    private RedisServer(int port, ManagedProcess process, string version)
    {
        Port = port;
        Process = process;
        Version = version;
    }

    public int Port { get; }

    public ManagedProcess Process { get; }

    /// <summary>"redis-server 7.0.15".</summary>
    public string Version { get; }

    public static async Task<RedisServer> StartAsync(string binary, int port, int? cpu, CancellationToken cancellationToken)
    {
        var process = ManagedProcess.Start("redis", binary,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], cpu);
        // "Redis server v=7.0.15 sha=… malloc=…": the version is enough for the machine line.
        var banner = (await Installers.RunAsync(binary, ["--version"], null, TimeSpan.FromSeconds(10))).Output;
        var version = "redis-server " + (banner.Split(' ').FirstOrDefault(p => p.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? "(version unknown)");
        var server = new RedisServer(port, process, version);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await server.CommandAsync("PING", cancellationToken) != "+PONG")
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Dispose();
                throw new InvalidOperationException($"redis-server on 127.0.0.1:{port} did not answer PING (exited: {process.HasExited}); output: {process.OutputTail}");
            }

            await Task.Delay(50, cancellationToken);
        }

        return server;
    }

    /// <summary>Keys in the database (<c>DBSIZE</c>), or -1 when the server does not answer.</summary>
    public async Task<long> KeyCountAsync(CancellationToken cancellationToken) =>
        await CommandAsync("DBSIZE", cancellationToken) is { Length: > 1 } line && line[0] == ':'
            && long.TryParse(line.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : -1;

    /// <summary>Sends one inline command and returns the first reply line, or null when nothing answers.</summary>
    private async Task<string?> CommandAsync(string command, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return null;
        }
    }
}
