using Gateway.Bench.LoadGen.Processes;

namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>Samples a process's RSS (/proc/PID/status VmRSS, children included) on a timer while a phase runs.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly ManagedProcess? _process;
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RssSampler(ManagedProcess? process, TimeSpan interval)
    {
        _process = process;
        _loop = process is null ? Task.CompletedTask : Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var rss = process.RssBytes();
                    if (!double.IsNaN(rss))
                    {
                        lock (_samples)
                        {
                            _samples.Add(rss);
                        }
                    }

                    await Task.Delay(interval, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public double MaxBytes
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? double.NaN : _samples.Max();
            }
        }
    }

    public double MedianBytes
    {
        get
        {
            lock (_samples)
            {
                if (_samples.Count == 0)
                {
                    return double.NaN;
                }

                var sorted = _samples.Order().ToArray();
                return sorted[sorted.Length / 2];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
