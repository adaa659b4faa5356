using System.Text;
using Gateway.Plugins.AiProxy.Buffers;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>A logged payload: at most <see cref="Limits.PayloadBytes"/> of UTF-8, cut on a character boundary.</summary>
internal readonly record struct PayloadText(string Text, bool Truncated)
{
    public static PayloadText From(ReadOnlySpan<byte> utf8, bool alreadyTruncated = false)
    {
        var length = Utf8Boundary.Floor(utf8, Limits.PayloadBytes);
        return new PayloadText(Encoding.UTF8.GetString(utf8[..length]), alreadyTruncated || length < utf8.Length);
    }
}
