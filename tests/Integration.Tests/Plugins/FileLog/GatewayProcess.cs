namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Starts the real host executable on a decK file, for signals and the process's own stdout.</summary>
internal static class GatewayProcess
{
    public static Task<RunningHostProcess> StartAsync(TempFolder folder, string yaml) =>
        HostProcess.StartAsync([
            "--plugins", PluginCatalogFile.Write(folder.Path),
            "--config", folder.Write("kong.yaml", yaml),
            "--urls", "http://127.0.0.1:0",
        ]);
}
