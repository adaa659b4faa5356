using System.Globalization;
using System.Text;

namespace Gateway.MockAnthropic.Scenarios;

/// <summary>
/// Finds <c>[[mock:NAME:ARGS]]</c> markers in the <c>x-mock-scenario</c> header and in the last user message's
/// texts. An unknown or malformed marker is an error rather than silently ignored: a typo in a test should fail
/// loudly instead of quietly testing the default path.
/// </summary>
internal static class ScenarioParser
{
    public const string HeaderName = "x-mock-scenario";
    private const string Open = "[[mock:";
    private const string Close = "]]";

    /// <returns>The scenario (<see cref="Scenario.None"/> when there is no marker), or null with an error.</returns>
    public static Scenario? Parse(string? header, IReadOnlyList<string> texts, out string error)
    {
        error = "";
        Scenario? scenario = null;
        StringBuilder? description = null;
        if (!string.IsNullOrEmpty(header) && !ParseText(header, ref scenario, ref description, ref error))
        {
            return null;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (!ParseText(texts[i], ref scenario, ref description, ref error))
            {
                return null;
            }
        }

        if (scenario is null)
        {
            return Scenario.None;
        }

        scenario.Description = description!.ToString();
        return scenario;
    }

    private static bool ParseText(string text, ref Scenario? scenario, ref StringBuilder? description, ref string error)
    {
        var from = 0;
        while (true)
        {
            var open = text.IndexOf(Open, from, StringComparison.Ordinal);
            if (open < 0)
            {
                return true;
            }

            var bodyStart = open + Open.Length;
            var close = text.IndexOf(Close, bodyStart, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"Unterminated mock marker at '{Excerpt(text, open)}'.";
                return false;
            }

            var body = text[bodyStart..close];
            scenario ??= new Scenario();
            if (!Apply(body, scenario))
            {
                error = $"Unknown or malformed mock marker '[[mock:{body}]]'.";
                return false;
            }

            description ??= new StringBuilder();
            if (description.Length > 0)
            {
                description.Append(' ');
            }

            description.Append(body);
            from = close + Close.Length;
        }
    }

    private static bool Apply(string body, Scenario s)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? body : body[..colon];
        var args = colon < 0 ? null : body[(colon + 1)..];
        switch (name)
        {
            case "text" when args is not null:
                s.Text = args;
                return true;
            case "bash" when !string.IsNullOrEmpty(args):
                s.BashCommand = args;
                return true;
            case "slow-first-token" when TryInt(args, out var wait):
                s.SlowFirstTokenMs = wait;
                return true;
            case "hold-after-first-event" when args is null:
                s.HoldAfterFirstEvent = true;
                return true;
            case "stream-error" when args is null:
                s.StreamError = true;
                return true;
            case "status" when TryStatus(args, out var status):
                s.Status = status;
                return true;
            case "status-once" when args is not null && TryStatus(Before(args, ':'), out var once):
                s.StatusOnce = once;
                s.StatusOnceKey = body;
                return true;
            case "deltas" when args is not null && TryInt(Before(args, ':'), out var count) && count > 0:
                // The interval is optional: without it the --delta-interval-ms default applies.
                var interval = After(args, ':');
                if (interval is not null)
                {
                    if (!TryInt(interval, out var ms))
                    {
                        return false;
                    }

                    s.DeltaIntervalMs = ms;
                }

                s.DeltaCount = count;
                return true;
            case "disconnect-after" when TryInt(args, out var events):
                s.DisconnectAfterEvents = events;
                return true;
            default:
                return false;
        }
    }

    private static string Before(string s, char c)
    {
        var i = s.IndexOf(c, StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }

    private static string? After(string s, char c)
    {
        var i = s.IndexOf(c, StringComparison.Ordinal);
        return i < 0 ? null : s[(i + 1)..];
    }

    private static bool TryInt(string? s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryStatus(string? s, out int status) => TryInt(s, out status) && status is >= 400 and <= 599;

    private static string Excerpt(string text, int at) => text.Substring(at, Math.Min(40, text.Length - at));
}
