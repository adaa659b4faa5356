using System.Globalization;
using Gateway.Plugins.AiRateLimitingAdvanced.Windows;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// Kong's response headers: per window <c>X-AI-RateLimit-Limit-&lt;window&gt;-&lt;provider&gt;</c> and <c>-Remaining-</c>
/// (the remaining budget does not include this request's own usage, which is counted after it); on a refusal
/// <c>X-AI-RateLimit-Reset</c> and <c>X-AI-RateLimit-Retry-After</c> (always) plus the refusing windows' own, and
/// the standard <c>Retry-After</c> that HTTP clients such as Claude Code's back off on. Names are the config's
/// provider names and Kong's window names, values are numbers: nothing a client sent reaches a header.
/// </summary>
internal static class WriteHeaders
{
    public static void Run(IHeaderDictionary headers, RateLimitPolicy policy, RateLimitState state)
    {
        var hide = policy.Config.HideClientHeaders;
        var windows = policy.Windows;
        if (!hide)
        {
            for (var i = 0; i < windows.Length; i++)
            {
                var names = policy.Headers[i];
                headers[names.Limit] = Number(windows[i].Limit);
                headers[names.Remaining] = Number(WindowMath.Remaining(windows[i].Limit, state.Rates[i], policy.CountsCost));
                if (state.Resets[i] > 0)
                {
                    headers[names.Reset] = Number(state.Resets[i]);
                    headers[names.RetryAfter] = Number(state.Retries[i]);
                }
            }
        }

        if (state.Denied)
        {
            headers["X-AI-RateLimit-Reset"] = Number(state.MaxReset);
            headers["X-AI-RateLimit-Retry-After"] = Number(state.MaxRetry);
            headers.RetryAfter = Number(state.MaxRetry);
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
