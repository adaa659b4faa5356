namespace Gateway.Plugins.FileLog.Writing;

/// <summary>Writes to a pipe or terminal (<c>path: /dev/stdout</c> under a container runtime or systemd).</summary>
internal static class PipeWriter
{
    /// <summary>One unbuffered write per line: RandomAccess refuses handles that cannot seek, and a line of at
    /// most PIPE_BUF (4 KB) stays whole even when the gateway's console logger writes to the same pipe. Longer
    /// lines can interleave with other writers, as in Kong.</summary>
    public static void WriteLines(Stream pipe, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            pipe.Write(lines[i].Span);
        }
    }
}
