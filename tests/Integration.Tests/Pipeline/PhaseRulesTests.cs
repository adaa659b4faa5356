using System.Text;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>
/// The phase table of docs/plugin-authoring.md ("Contract reference"), through the real pipeline: a probe calls a
/// context member in a phase and records what happened. Rows that throw, and the rows that make them legal.
/// </summary>
public sealed class PhaseRulesTests
{
    public PhaseRulesTests() => ProbeCalls.EnsureInstalled();

    [Theory]
    [InlineData("exit", "header_filter", "InvalidOperationException Exit is only allowed in the access phase")]
    [InlineData("exit", "body_filter", "InvalidOperationException Exit is only allowed in the access phase")]
    [InlineData("exit", "log", "InvalidOperationException Exit is only allowed in the access phase")]
    [InlineData("set_request_body", "header_filter", "InvalidOperationException the request body can only be replaced in the access phase")]
    [InlineData("set_request_body", "log", "InvalidOperationException the request body can only be replaced in the access phase")]
    [InlineData("read_request_body", "header_filter", "InvalidOperationException the request body can only be read in the access phase (later phases get the body an access handler buffered, and none did)")]
    [InlineData("read_request_body", "log", "InvalidOperationException the request body can only be read in the access phase (later phases get the body an access handler buffered, and none did)")]
    [InlineData("set_upstream", "header_filter", "InvalidOperationException the upstream target can only be changed in the access phase")]
    [InlineData("set_upstream", "log", "InvalidOperationException the upstream target can only be changed in the access phase")]
    [InlineData("write_log_entry", "access", "InvalidOperationException WriteLogEntry is only allowed in the log phase")]
    [InlineData("write_log_entry", "header_filter", "InvalidOperationException WriteLogEntry is only allowed in the log phase")]
    [InlineData("write_log_entry", "body_filter", "InvalidOperationException WriteLogEntry is only allowed in the log phase")]
    [InlineData("set_prepared", "access", "InvalidOperationException plugin instance 3a2c7c1e-0f4e-4c59-9d43-2b1f3f1f0b01: SetPrepared is only allowed in the configure phase")]
    [InlineData("set_prepared", "log", "InvalidOperationException plugin instance 3a2c7c1e-0f4e-4c59-9d43-2b1f3f1f0b01: SetPrepared is only allowed in the configure phase")]
    public async Task Member_UsedOutsideItsPhases_ThrowsInvalidOperationExceptionSayingWhere(string call, string phase, string expected)
    {
        var (status, result) = await TryAsync(call, phase);

        Assert.Equal(expected, result);
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("exit", "access", false, 418, "ok")]
    [InlineData("set_request_body", "access", false, 200, "ok")]
    [InlineData("read_request_body", "access", false, 200, "ok hello")]
    [InlineData("read_request_body", "log", true, 200, "ok hello")]
    [InlineData("read_request_body", "header_filter", true, 200, "ok hello")]
    [InlineData("set_upstream", "access", false, 200, "ok")]
    [InlineData("write_log_entry", "log", false, 200, "ok")]
    public async Task Member_UsedInItsPhase_Works(string call, string phase, bool readBodyInAccess, int status, string expected)
    {
        var (actualStatus, result) = await TryAsync(call, phase, readBodyInAccess);

        Assert.Equal(expected, result);
        Assert.Equal(status, actualStatus);
    }

    [Fact]
    public async Task SetUpstream_InAccess_IsWhereTheRequestGoes()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Yaml(upstream.Port, "set_upstream", "access"));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(upstream.Received, r => r.PathAndQuery == "/late");
    }

    private static async Task<(int Status, string Result)> TryAsync(string call, string phase, bool readBodyInAccess = false)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Yaml(upstream.Port, call, phase, readBodyInAccess));

        using var response = await gateway.Client.PostAsync("/r", new StringContent("hello", Encoding.UTF8, "text/plain"));
        await response.Content.ReadAsStringAsync();
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        var prefix = $"probe-low:t:{call}@{phase}=";
        // The probe records the phase, then what its try did: in the log phase the second can trail the first.
        var calls = await PhaseOrderTests.WaitForLogAsync(id, expectedLogCalls: 1);
        for (var i = 0; i < 500 && !calls.Any(c => c.StartsWith(prefix, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(10);
            calls = ProbeCalls.For(id);
        }

        // body_filter tries once per chunk; every try says the same.
        Assert.Contains(calls, c => c.StartsWith(prefix, StringComparison.Ordinal));
        var tried = calls.First(c => c.StartsWith(prefix, StringComparison.Ordinal));
        return ((int)response.StatusCode, tried[prefix.Length..]);
    }

    private static string Yaml(int port, string call, string phase, bool readBodyInAccess = false) => $$"""
        _format_version: "3.0"
        services:
          - name: svc
            url: http://127.0.0.1:{{port}}
            routes:
              - name: r
                paths: ["/r"]
        plugins:
          - name: probe-low
            id: 3a2c7c1e-0f4e-4c59-9d43-2b1f3f1f0b01
            config:
              tag: t
              misuse: {{call}}
              misuse_in: {{phase}}
              read_body_in_access: {{(readBodyInAccess ? "true" : "false")}}
        """;
}
