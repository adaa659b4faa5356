using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// A file opened with <c>O_APPEND</c>, as Kong opens it. .NET's <c>FileMode.Append</c> only seeks to the end once
/// and then writes at its own remembered offset: another process appending to the same file (a second gateway
/// during a rolling restart) gets its lines overwritten, and after <c>logrotate copytruncate</c> the file fills
/// with NUL bytes up to the old offset. With <c>O_APPEND</c> the kernel places every write at the current end.
/// </summary>
internal sealed partial class LinuxAppendFile : IAppendFile
{
    // asm-generic values, shared by x64 and arm64 (not by every Linux architecture, hence IsSupported).
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloexec = 0x80000;

    // rw-r--r--, Kong's mode, before the umask.
    private const int CreateMode = 0x1A4;

    private readonly SafeFileHandle _handle;

    // Set for pipes and terminals, which RandomAccess refuses; it owns the handle then.
    private readonly FileStream? _pipe;

    private LinuxAppendFile(SafeFileHandle handle)
    {
        _handle = handle;
        _pipe = CanSeek(handle) ? null : new FileStream(handle, FileAccess.Write, bufferSize: 0);
    }

    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static LinuxAppendFile Open(string path)
    {
        var fd = NativeOpen(path, OWronly | OCreat | OAppend | OCloexec, CreateMode);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();

            // Under systemd stdout is a socket to the journal, and a socket cannot be reopened through
            // /dev/stdout (ENXIO): write to a duplicate of the process's own descriptor instead.
            if (errno != NoSuchDeviceOrAddress || StandardStream(path) is not { } standard || (fd = Duplicate(standard)) < 0)
            {
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }
        }

        return new LinuxAppendFile(new SafeFileHandle(fd, ownsHandle: true));
    }

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        if (_pipe is null)
        {
            // pwritev on an O_APPEND descriptor appends whatever the offset (Linux, see pwrite(2) BUGS).
            RandomAccess.Write(_handle, lines, 0);
            return;
        }

        PipeWriter.WriteLines(_pipe, lines);
    }

    public void Dispose()
    {
        _pipe?.Dispose();
        _handle.Dispose();
    }

    // RandomAccess has no public seekability test; GetLength is the cheapest call that refuses a pipe.
    private static bool CanSeek(SafeFileHandle handle)
    {
        try
        {
            RandomAccess.GetLength(handle);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private const int NoSuchDeviceOrAddress = 6;

    private static int? StandardStream(string path) => path switch
    {
        "/dev/stdout" or "/proc/self/fd/1" or "/dev/fd/1" => 1,
        "/dev/stderr" or "/proc/self/fd/2" or "/dev/fd/2" => 2,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int NativeOpen(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Duplicate(int fd);
}
