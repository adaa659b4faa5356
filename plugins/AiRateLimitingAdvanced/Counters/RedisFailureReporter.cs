using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>
/// Logs Redis trouble once per interval, not once per request: an outage under load would otherwise flood the log.
/// Says so again, once, when Redis answers again.
/// </summary>
internal sealed class RedisFailureReporter(ILogger logger, TimeProvider time, string endpoint, string? secret)
{
    /// <summary>How often a continuing outage is logged.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private long _lastWarning = long.MinValue;
    private long _suppressed;
    private bool _failing;

    public bool Failing => Volatile.Read(ref _failing);

    public void Failed(Exception exception)
    {
        long suppressed;
        lock (_lock)
        {
            _failing = true;
            var now = time.GetTimestamp();
            if (_lastWarning != long.MinValue && time.GetElapsedTime(_lastWarning, now) < Interval)
            {
                _suppressed++;
                return;
            }

            _lastWarning = now;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        logger.LogWarning(
            "ai-rate-limiting-advanced: Redis at {Endpoint} failed ({Error}); budgets are counted on this instance's local counters until Redis is reachable again ({Suppressed} more failures since the last warning; next warning in {Interval} s at the earliest)",
            endpoint, Describe(exception), suppressed, Interval.TotalSeconds);
    }

    public void Succeeded()
    {
        if (!Volatile.Read(ref _failing))
        {
            return;
        }

        lock (_lock)
        {
            if (!_failing)
            {
                return;
            }

            _failing = false;
            _lastWarning = long.MinValue;
            _suppressed = 0;
        }

        logger.LogInformation("ai-rate-limiting-advanced: Redis at {Endpoint} answers again; budgets are shared through it again", endpoint);
    }

    // The client's messages name the endpoint and the command, never the password; scrub it anyway, in case one does.
    private string Describe(Exception exception)
    {
        var message = $"{exception.GetType().Name}: {exception.Message}";
        return string.IsNullOrEmpty(secret) ? message : message.Replace(secret, "REDACTED", StringComparison.Ordinal);
    }
}
