using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>
/// An EventPipe session on another .NET process's <c>System.Runtime</c> EventCounters, over the diagnostics IPC
/// socket every .NET process opens (nothing changed in the process measured): each counter report is handed to
/// the caller by name with its payload (<c>Mean</c> for polling counters, <c>Increment</c> for incrementing ones).
/// The meters built on it only decide what a report means.
/// </summary>
internal sealed class RuntimeCounterSession : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly Action<string, IDictionary<string, object>> _onReport;

    private RuntimeCounterSession(EventPipeSession session, Action<string, IDictionary<string, object>> onReport)
    {
        _session = session;
        _onReport = onReport;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Factory.StartNew(() =>
        {
            try
            {
                _source.Process();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // The session ended under us.
            }
        }, TaskCreationOptions.LongRunning);
    }

    public static async Task<RuntimeCounterSession> StartAsync(int processId, double intervalSeconds, Action<string, IDictionary<string, object>> onReport)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = intervalSeconds.ToString(CultureInfo.InvariantCulture) });
        var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        return new RuntimeCounterSession(session, onReport);
    }

    /// <summary>A report's numeric field (<c>Mean</c>, <c>Increment</c>) as a double, when present.</summary>
    public static bool TryGetNumber(IDictionary<string, object> payload, string field, out double value)
    {
        if (payload.TryGetValue(field, out var raw))
        {
            value = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
            return true;
        }

        value = 0;
        return false;
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName == "EventCounters" && data.PayloadValue(0) is IDictionary<string, object> outer
            && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> payload
            && payload.TryGetValue("Name", out var name) && name is string counter)
        {
            _onReport(counter, payload);
        }
    }

    /// <summary>Ends the session and waits (briefly) for the reports already sent to be processed.</summary>
    public async Task StopAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or InvalidOperationException)
        {
        }

        await Task.WhenAny(_processing, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _session.Dispose();
        _source.Dispose();
    }
}
