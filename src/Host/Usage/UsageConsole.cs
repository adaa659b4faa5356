namespace Gateway.Host.Usage;

/// <summary>Where the usage command reads and writes, and whether a person is watching (terminal) or a pipe is.</summary>
internal sealed record UsageConsole(
    TextWriter Out,
    TextWriter Error,
    Func<Stream> OpenStandardInput,
    bool OutputIsTerminal,
    bool ErrorIsTerminal)
{
    public static UsageConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.OpenStandardInput,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected);
}
