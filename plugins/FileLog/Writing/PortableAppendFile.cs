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

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var handle = _stream.SafeFileHandle;
        if (_stream.CanSeek)
        {
            RandomAccess.Write(handle, lines, RandomAccess.GetLength(handle));
            return;
        }

        PipeWriter.WriteLines(_stream, lines);
    }

    public void Dispose() => _stream.Dispose();
}
