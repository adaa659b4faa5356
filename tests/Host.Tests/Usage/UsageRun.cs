using System.Text;
using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

/// <summary>Runs <c>gateway usage</c> in-process, piped (no terminal), and captures what it printed.</summary>
internal static class UsageRun
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, string stdin = "")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new UsageConsole(stdout, stderr, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), OutputIsTerminal: false, ErrorIsTerminal: false);
        var code = await UsageCommand.RunAsync(["usage", .. args], io, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
