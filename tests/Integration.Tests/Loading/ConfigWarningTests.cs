using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Loading;

public sealed class ConfigWarningTests
{
    [Fact]
    public async Task Start_ConfigWithARepeatedKey_LogsOneWarningWithFileAndLine()
    {
        var logs = new RecordingLoggerProvider();
        var config = """
            _format_version: "3.0"
            plugins:
              - name: file-log
                config:
                  path: /tmp/gateway-config-warning-test.json
                  path: /tmp/gateway-config-warning-test-2.json
            """;

        await using var host = await GatewayTestHost.StartAsync([config], loggerProvider: logs);

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.EndsWith("kong-0.yaml:6: duplicate key 'path': the last value is used", warning.Message, StringComparison.Ordinal);
    }
}
