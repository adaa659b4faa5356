using Spectre.Console;

namespace Gateway.Host.Usage;

/// <summary>A progress bar per input on standard error, shown only when a person watches a terminal.</summary>
internal sealed class SpectreReadProgress(ProgressContext context) : IReadProgress
{
    /// <summary>Updating the bar takes a lock; a step every 4 MiB is smooth enough and costs nothing.</summary>
    private const long Step = 4 * 1024 * 1024;

    private ProgressTask? _task;
    private long _lastShown;

    public static async Task RunAsync(TextWriter error, Func<IReadProgress, Task> read)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(context => read(new SpectreReadProgress(context)));
    }

    public void Start(LogInput input)
    {
        var length = input.Length;
        _task = context.AddTask(Markup.Escape(input.Name), new ProgressTaskSettings { MaxValue = length is > 0 ? length.Value : 1 });
        _task.IsIndeterminate = length is null;
        _lastShown = 0;
    }

    public void Advance(long position)
    {
        if (_task is not null && position - _lastShown >= Step)
        {
            _lastShown = position;
            _task.Value = position;
        }
    }

    public void Finish(LogInput input)
    {
        if (_task is not null)
        {
            _task.IsIndeterminate = false;
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
