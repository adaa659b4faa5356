using System.Globalization;

namespace Gateway.MockAnthropic;

/// <summary>Parses the program's arguments into <see cref="MockAnthropicOptions"/>.</summary>
internal static class CommandLine
{
    public const string DefaultUrls = "http://127.0.0.1:9000";

    public const string Usage = """
        Usage: Gateway.MockAnthropic [options]
          --urls URLS                  listen address (default http://127.0.0.1:9000)
          --latency-ms MS              delay before response headers (default 0)
          --deltas N                   text deltas per answer (default 0 = one per word)
          --delta-interval-ms MS       pause between text deltas (default 0)
          --expected-api-key KEY       answer 401 when x-api-key differs
          --hold-timeout-ms MS         cap on [[mock:hold-after-first-event]] (default 30000)
          --max-recorded-requests N    recordings kept, oldest dropped (default 1000)
          --max-recorded-body-bytes N  body bytes kept per recording, 0 = none (default 1048576)
        """;

    /// <summary>Returns the options, or throws <see cref="FormatException"/> with a message for the operator.</summary>
    public static MockAnthropicOptions Parse(IReadOnlyList<string> args)
    {
        var options = new MockAnthropicOptions { Urls = DefaultUrls };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string value;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new FormatException($"Missing value for {name}.");
            }

            switch (name)
            {
                case "--urls": options.Urls = value; break;
                case "--latency-ms": options.LatencyMs = ParseCount(name, value); break;
                case "--deltas": options.Deltas = ParseCount(name, value); break;
                case "--delta-interval-ms": options.DeltaIntervalMs = ParseCount(name, value); break;
                case "--expected-api-key": options.ExpectedApiKey = value; break;
                case "--hold-timeout-ms": options.HoldTimeoutMs = ParseCount(name, value); break;
                case "--max-recorded-requests": options.MaxRecordedRequests = ParseCount(name, value); break;
                case "--max-recorded-body-bytes": options.MaxRecordedBodyBytes = ParseCount(name, value); break;
                default: throw new FormatException($"Unknown option {name}.");
            }
        }

        return options;
    }

    private static int ParseCount(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{name} wants a non-negative integer, got '{value}'.");
}
