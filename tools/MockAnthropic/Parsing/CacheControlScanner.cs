namespace Gateway.MockAnthropic.Parsing;

/// <summary>Tells whether a body has any <c>cache_control</c> key, which decides the cache usage numbers.</summary>
internal static class CacheControlScanner
{
    private static ReadOnlySpan<byte> Key => "\"cache_control\""u8;

    /// <summary>
    /// Inside a JSON string a quote is escaped, so an unescaped <c>"cache_control"</c> followed by ':' can only be
    /// a key: a vectorized search is exact here and far cheaper than walking a 100 KB tree.
    /// </summary>
    public static bool ContainsKey(ReadOnlySpan<byte> body)
    {
        while (true)
        {
            var at = body.IndexOf(Key);
            if (at < 0)
            {
                return false;
            }

            body = body[(at + Key.Length)..];
            var next = body.TrimStart(" \t\r\n"u8);
            if (!next.IsEmpty && next[0] == (byte)':')
            {
                return true;
            }
        }
    }
}
