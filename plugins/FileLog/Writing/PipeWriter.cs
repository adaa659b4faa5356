namespace Gateway.Plugins.FileLog.Writing;

/// <summary>Writes to a pipe or terminal on platforms without <see cref="LinuxAppendFile"/>.</summary>
internal static class PipeWriter
{
    /// <summary>One unbuffered write per line: RandomAccess refuses handles that cannot seek, and a line of at
    /// most PIPE_BUF (4 KB) stays whole even when the gateway's console logger writes to the same pipe. Longer
    /// lines can interleave with other writers, as in Kong.</summary>
    /// <exception cref="AppendFailedException">A write failed; a stream does not say how much of that line went
    /// out, so the line counts as torn.</exception>
    public static void WriteLines(Stream pipe, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                pipe.Write(lines[i].Span);
            }
            catch (IOException ex)
            {
                throw new AppendFailedException(ex.Message, i, tornTail: true);
            }
        }
    }
}
