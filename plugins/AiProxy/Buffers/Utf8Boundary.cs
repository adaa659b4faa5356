namespace Gateway.Plugins.AiProxy.Buffers;

/// <summary>Cutting UTF-8 without splitting a character, so a truncated payload still decodes cleanly.</summary>
internal static class Utf8Boundary
{
    /// <summary>The largest length not above <paramref name="length"/> that ends on a character boundary.</summary>
    public static int Floor(ReadOnlySpan<byte> utf8, int length)
    {
        if (length >= utf8.Length)
        {
            return utf8.Length;
        }

        // A continuation byte (10xxxxxx) at the cut means the cut is inside a character: back up to its start.
        while (length > 0 && (utf8[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return length;
    }
}
