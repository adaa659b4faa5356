using System.Globalization;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Gateway.Plugins.AiRateLimitingAdvanced.Windows;
using StackExchange.Redis;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>
/// A namespace's counters in Redis, shared by every gateway instance: per window size and identifier one key per
/// window (<c>ai-rla:&lt;namespace&gt;:&lt;provider&gt;:&lt;size&gt;:&lt;identifier&gt;:&lt;window start&gt;</c>) living two windows, so a
/// sliding estimate reads the current and the previous one. A check is one <c>MGET</c>; a count is one Lua script
/// that increments and sets the expiry of every window atomically. Every count also goes to local counters, which
/// answer while Redis does not (traffic keeps flowing; see <see cref="RedisFailureReporter"/>).
/// </summary>
internal sealed class RedisCounterStore(
    IConnectionMultiplexer redis, int database, string @namespace, LocalCounterStore local, RedisFailureReporter reporter)
    : ICounterStore
{
    // INCRBYFLOAT keeps a cost budget's fractions (Kong truncates them unless decrease_by_fractions_in_redis).
    private const string AddScript = """
        for i = 1, #KEYS do
          redis.call('INCRBYFLOAT', KEYS[i], ARGV[1])
          redis.call('EXPIRE', KEYS[i], ARGV[i + 1])
        end
        return #KEYS
        """;

    private readonly string _prefix = $"ai-rla:{@namespace}:";

    public LocalCounterStore Local => local;

    public async ValueTask ReadAsync(BudgetWindow[] windows, string identifier, double now, double[] current, double[] previous)
    {
        var keys = new RedisKey[windows.Length * 2];
        for (var i = 0; i < windows.Length; i++)
        {
            var window = windows[i];
            var start = WindowMath.Start(now, window.Size);
            keys[2 * i] = Key(window, identifier, start);
            keys[(2 * i) + 1] = Key(window, identifier, start - window.Size);
        }

        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase(database).StringGetAsync(keys).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            reporter.Failed(e);
            local.Read(windows, identifier, now, current, previous);
            return;
        }

        reporter.Succeeded();
        for (var i = 0; i < windows.Length; i++)
        {
            current[i] = Number(values[2 * i]);
            previous[i] = Number(values[(2 * i) + 1]);
        }
    }

    public async ValueTask AddAsync(BudgetWindow[] windows, int start, int count, string identifier, double now, double amount)
    {
        local.Add(windows, start, count, identifier, now, amount);
        var keys = new RedisKey[count];
        var args = new RedisValue[count + 1];
        args[0] = amount.ToString("R", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var window = windows[start + i];
            keys[i] = Key(window, identifier, WindowMath.Start(now, window.Size));
            args[i + 1] = 2 * window.Size;
        }

        try
        {
            await redis.GetDatabase(database).ScriptEvaluateAsync(AddScript, keys, args).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // This instance's local counters have it; the shared total misses it (Kong's fault tolerance).
            reporter.Failed(e);
            return;
        }

        reporter.Succeeded();
    }

    private string Key(BudgetWindow window, string identifier, long start) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}{window.Provider}:{window.Size}:{identifier}:{start}");

    private static double Number(RedisValue value) =>
        value.IsNull ? 0 : double.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
