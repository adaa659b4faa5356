namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// The fallback where <see cref="LinuxAppendFile"/> is not available (Windows, macOS). .NET offers no
/// <c>O_APPEND</c>, so every write goes to the length read just before it: that follows truncation and other
/// writers, leaving only a tiny race with a second process writing the same file at the same instant.
/// </summary>
internal sealed class PortableAppendFile : IAppendFile
{
    private readonly FileStream _stream;

    private PortableAppendFile(FileStream stream) => _stream = stream;

    public static PortableAppendFile Open(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            // Delete lets rotation tools rename or remove the file while it is open on Windows.
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return new PortableAppendFile(new FileStream(path, options));
    }

    // No portable way to tell whether an open file still has a name.
    public bool IsDeleted => false;

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        var handle = _stream.SafeFileHandle;
        if (!_stream.CanSeek)
        {
            PipeWriter.WriteLines(_stream, lines);
            return;
        }

        var end = RandomAccess.GetLength(handle);
        try
        {
            RandomAccess.Write(handle, lines, end);
        }
        catch (IOException ex)
        {
            // RandomAccess does not say how much it wrote: cut the file back to where the batch began, so it
            // ends on a whole line, and count the whole batch.
            var torn = false;
            try
            {
                RandomAccess.SetLength(handle, end);
            }
            catch (IOException)
            {
                torn = true;
            }

            throw new AppendFailedException(ex.Message, 0, torn);
        }
    }

    public void Dispose() => _stream.Dispose();
}
