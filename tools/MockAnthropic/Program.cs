namespace Gateway.MockAnthropic;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && args[0] is "--help" or "-h")
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        MockAnthropicOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + CommandLine.Usage);
            return 2;
        }

        MockAnthropicServer server;
        try
        {
            server = await MockAnthropicServer.StartAsync(options);
        }
        catch (IOException e)
        {
            // Typically "address already in use": one line beats a hosting stack trace.
            await Console.Error.WriteLineAsync($"Cannot listen on {options.Urls}: {e.Message}");
            return 1;
        }

        await using var running = server;
        // Scripts wait for this line before they send traffic.
        Console.WriteLine($"Mock Anthropic listening on {server.BaseUri}");
        await server.WaitForShutdownAsync();
        return 0;
    }
}
