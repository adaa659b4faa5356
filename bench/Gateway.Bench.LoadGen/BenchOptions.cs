namespace Gateway.Bench.LoadGen;

/// <summary>How much of each workload a run does. <c>--quick</c> keeps every figure with fewer, shorter rounds.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }
    public bool Pin { get; init; } = true;
    public bool Install { get; init; } = true;
    public string? OutputPath { get; init; }
    public bool WriteResultFile { get; init; } = true;

    /// <summary>Adds the prometheus plugin (every switch on, AI metrics included) to the gateway column, to measure
    /// what recording costs: run once with and once without, and compare the gateway column.</summary>
    public bool WithPrometheus { get; init; }

    /// <summary>Adds ai-rate-limiting-advanced to the gateway column with a budget it never exhausts, counters local
    /// or in a redis-server the harness starts, to measure what checking and counting cost (<c>--with-budget</c>).</summary>
    public BudgetStrategy? WithBudget { get; init; }

    /// <summary>The workloads to run (<c>--only</c>); null runs all of them.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    public int WarmupRequests { get; init; } = 3000;
    public TimeSpan WarmupBurst { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A .NET column is warm when its JIT compiled nothing for this many one-second counter reports in a row.</summary>
    public int JitQuietReports { get; init; } = 3;

    /// <summary>The longest a .NET column is warmed at c=64 waiting for its JIT to be quiet; the notes say when it was not.</summary>
    public TimeSpan JitWarmupCap { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Load at least this long before a quiet JIT counts (see <see cref="Load.JitWarmup"/>).</summary>
    public TimeSpan JitWarmupMinimum { get; init; } = TimeSpan.FromSeconds(30);
    public int LatencyRounds { get; init; } = 6;
    public int LatencyRequests { get; init; } = 3000;
    public int PacedRate { get; init; } = 200;
    public int PacedRequests { get; init; } = 1000;
    public int ThroughputRounds { get; init; } = 3;
    public TimeSpan ThroughputWarmup { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ThroughputDuration { get; init; } = TimeSpan.FromSeconds(5);
    public int AllocationRequests { get; init; } = 20_000;
    public int AllocationStreams { get; init; } = 500;
    public int StreamRounds { get; init; } = 4;
    public int StreamsPerRound { get; init; } = 100;
    public int PacedStreamConcurrency { get; init; } = 16;
    public int PacedStreams { get; init; } = 48;
    public int[] RampLevels { get; init; } = [250, 500, 1000];
    public int RampDeltas { get; init; } = 64;
    public int ClaudeCodeRounds { get; init; } = 4;
    public int ClaudeCodeRequests { get; init; } = 200;
    public int LargeRequests { get; init; } = 20;
    public int LargeBodyBytes { get; init; } = 4 * 1024 * 1024;
    public double StallMs { get; init; } = 200;
    public TimeSpan SettleAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Routes (and services, and route-scoped file-logs) in the large config of the routes workload.</summary>
    public int ScaleRoutes { get; init; } = 10_000;

    /// <summary>How often each of the two gateways of the routes workload is started to time its config load.</summary>
    public int ScaleStarts { get; init; } = 3;

    /// <summary>Runs <paramref name="workload"/> (a <see cref="Workload"/> name) unless <c>--only</c> left it out.</summary>
    public bool Runs(string workload) => Only is null || Only.Contains(workload);

    public static BenchOptions QuickRun { get; } = new()
    {
        Quick = true,
        WarmupRequests = 300,
        WarmupBurst = TimeSpan.FromMilliseconds(400),
        // Too short for a quiet JIT (that takes 3 s of reports at best): the quick run proves the mechanism and
        // keeps its length; its notes say the columns were not quiet.
        JitWarmupCap = TimeSpan.FromSeconds(2),
        JitWarmupMinimum = TimeSpan.Zero,
        LatencyRounds = 2,
        LatencyRequests = 200,
        PacedRate = 200,
        PacedRequests = 60,
        ThroughputRounds = 1,
        // Shorter than before the forwarder column, the openai and the routes workloads came: the quick run (and
        // Bench.Tests with it) keeps its length.
        ThroughputWarmup = TimeSpan.FromMilliseconds(150),
        ThroughputDuration = TimeSpan.FromMilliseconds(500),
        AllocationRequests = 1500,
        AllocationStreams = 40,
        StreamRounds = 2,
        StreamsPerRound = 8,
        PacedStreamConcurrency = 8,
        PacedStreams = 8,
        RampLevels = [50, 100],
        RampDeltas = 16,
        ClaudeCodeRounds = 2,
        ClaudeCodeRequests = 10,
        LargeRequests = 3,
        SettleAfter = TimeSpan.FromSeconds(1),
        ScaleRoutes = 1_000,
        ScaleStarts = 1,
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? QuickRun : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--no-pin":
                    options = options with { Pin = false };
                    break;
                case "--no-install":
                    options = options with { Install = false };
                    break;
                case "--with-prometheus":
                    options = options with { WithPrometheus = true };
                    break;
                case "--with-budget":
                    options = options with { WithBudget = ParseBudget(i + 1 < args.Count ? args[++i] : null) };
                    break;
                case "--no-results-file":
                    options = options with { WriteResultFile = false };
                    break;
                case "--output" when i + 1 < args.Count:
                    options = options with { OutputPath = args[++i] };
                    break;
                case "--only":
                    options = options with { Only = ParseOnly(i + 1 < args.Count ? args[++i] : null) };
                    break;
                case "--ramp" when i + 1 < args.Count:
                    options = options with { RampLevels = [.. args[++i].Split(',').Select(int.Parse)] };
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }

        return options;
    }

    private static BudgetStrategy ParseBudget(string? value) => value switch
    {
        "local" => BudgetStrategy.Local,
        "redis" => BudgetStrategy.Redis,
        _ => throw new ArgumentException($"--with-budget takes local or redis, not {(value is null ? "nothing" : $"'{value}'")}\n{Usage}"),
    };

    private static HashSet<string> ParseOnly(string? value)
    {
        var names = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !Workload.All.Contains(n, StringComparer.Ordinal)).ToArray();
        if (names.Length == 0 || unknown.Length > 0)
        {
            var what = names.Length == 0 ? "nothing" : string.Join(", ", unknown.Select(n => $"'{n}'"));
            throw new ArgumentException($"--only takes workloads separated by commas ({string.Join(", ", Workload.All)}), not {what}\n{Usage}");
        }

        return [.. names];
    }

    /// <summary>The switches that change what the gateway column runs, as typed, for the results' title.</summary>
    public string Describe()
    {
        var parts = new List<string> { Quick ? "--quick" : "full" };
        if (WithPrometheus)
        {
            parts.Add("--with-prometheus");
        }

        if (WithBudget is { } budget)
        {
            parts.Add("--with-budget " + budget.ToString().ToLowerInvariant());
        }

        if (Only is not null)
        {
            parts.Add("--only " + string.Join(",", Workload.All.Where(Only.Contains)));
        }

        return string.Join(", ", parts);
    }

    public const string Usage = """
        Usage: Gateway.Bench.LoadGen [--quick] [--no-pin] [--no-install] [--with-prometheus] [--with-budget local|redis] [--only WORKLOAD,...] [--output FILE] [--no-results-file] [--ramp 250,500,1000]
          --quick            every figure, fewer and shorter rounds (under a minute)
          --no-pin           do not pin with taskset (gateway on CPU 0, mock and load on CPU 1)
          --no-install       do not apt-get nginx or redis-server / npm install Portkey; a missing nginx or Portkey
                             is reported as unavailable, a missing redis-server fails --with-budget redis
          --with-prometheus  the gateway column also runs the prometheus plugin (all metrics on)
          --with-budget local|redis
                             the gateway column also runs ai-rate-limiting-advanced (a budget never exhausted),
                             counters in-process or in a redis-server started on loopback (installed with apt-get)
          --only WORKLOAD,...
                             run only these workloads, at the length the other switches give (e.g.
                             --only throughput,latency to repeat the throughput figure in a few minutes):
                             latency, throughput (c=32, c=64), slow-upstream (c=64, 20 ms upstream), allocation,
                             streams (64x0, 64x20, Claude Code 90 KB), large, ramp, openai, routes
          --output FILE      write the markdown there instead of bench/results/<date>.md
        """;
}
