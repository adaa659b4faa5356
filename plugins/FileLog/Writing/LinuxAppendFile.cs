using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Gateway.Plugins.FileLog.Writing.LinuxNative;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// A file opened with <c>O_APPEND</c>, as Kong opens it. .NET's <c>FileMode.Append</c> only seeks to the end once
/// and then writes at its own remembered offset: another process appending to the same file (a second gateway
/// during a rolling restart) gets its lines overwritten, and after <c>logrotate copytruncate</c> the file fills
/// with NUL bytes up to the old offset. With <c>O_APPEND</c> the kernel places every write at the current end.
/// Writes go through <c>writev</c>/<c>write</c> directly because a failure must say how many bytes landed: a torn
/// line is cut off (or closed with a line break) instead of fusing with the next entry.
/// </summary>
internal sealed unsafe class LinuxAppendFile : IAppendFile
{
    // rw-r--r--, Kong's mode, before the umask.
    private const int CreateMode = 0x1A4;

    // How often a write waiting on a full pipe looks at the cancellation token.
    private const int PollSliceMilliseconds = 200;

    private readonly SafeFileHandle _handle;
    private readonly int _fd;
    private readonly bool _regular;
    private IoVector[] _vectors = [];
    private MemoryHandle[] _pins = [];

    private LinuxAppendFile(int fd)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        _fd = fd;
        _regular = IsRegularFile(fd) ?? CanSeek(_handle);
    }

    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Opens without ever blocking: a FIFO with no reader fails at once (ENXIO) instead of hanging the
    /// caller in <c>open</c> until some process starts reading.</summary>
    public static LinuxAppendFile Open(string path)
    {
        var fd = LinuxNative.Open(path, OWronly | OCreat | OAppend | OCloexec | ONonblock, CreateMode);
        if (fd >= 0)
        {
            return new LinuxAppendFile(fd);
        }

        var errno = Marshal.GetLastPInvokeError();

        // Under systemd stdout is a socket to the journal, and a socket cannot be reopened through /dev/stdout
        // (ENXIO): write to a duplicate of the process's own descriptor instead. It shares the console's open file
        // description, so it stays blocking: O_NONBLOCK on it would change the console logger's stdout too.
        if (errno == ENxio && StandardStream(path) is { } standard && (fd = Duplicate(standard)) >= 0)
        {
            return new LinuxAppendFile(fd);
        }

        throw new IOException(
            errno == ENxio ? $"{Message(errno)} (a FIFO that no process has open for reading)" : Message(errno), errno);
    }

    public bool IsDeleted => _regular && LinkCount(_fd) == 0;

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        if (_regular)
        {
            AppendToFile(lines);
        }
        else
        {
            AppendToStream(lines, cancellationToken);
        }
    }

    public void Dispose() => _handle.Dispose();

    private void AppendToFile(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        if (_vectors.Length < lines.Count)
        {
            _vectors = new IoVector[lines.Count];
            _pins = new MemoryHandle[lines.Count];
        }

        long total = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            _pins[i] = lines[i].Pin();
            total += lines[i].Length;
        }

        try
        {
            long written = 0;
            var first = 0;
            var skip = 0;
            while (written < total)
            {
                var count = 0;
                for (var i = first; i < lines.Count; i++, count++)
                {
                    var start = i == first ? skip : 0;
                    _vectors[count] = new IoVector
                    {
                        Base = (byte*)_pins[i].Pointer + start,
                        Length = (nuint)(lines[i].Length - start),
                    };
                }

                nint n;
                fixed (IoVector* vectors = _vectors)
                {
                    // Appends whatever the offset: the descriptor has O_APPEND.
                    n = WriteVector(_fd, vectors, count);
                }

                if (n <= 0)
                {
                    // A write of at least one byte that writes none is a full device that did not say so.
                    var errno = n == 0 ? NoSpace : Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    throw FileFailure(lines, written, errno);
                }

                written += n;
                skip += (int)n;
                while (first < lines.Count && skip >= lines[first].Length)
                {
                    skip -= lines[first].Length;
                    first++;
                }
            }
        }
        finally
        {
            for (var i = 0; i < lines.Count; i++)
            {
                _pins[i].Dispose();
            }
        }
    }

    /// <summary>A short write (a full disk) can leave part of a line at the end: cut it off, so the file ends on
    /// a whole line again. O_APPEND does not stop a truncate, and the descriptor's offset is where our last byte
    /// went.</summary>
    private AppendFailedException FileFailure(IReadOnlyList<ReadOnlyMemory<byte>> lines, long written, int errno)
    {
        var (whole, tornBytes) = Split(lines, written);
        var torn = false;
        if (tornBytes > 0)
        {
            var end = Seek(_fd, 0, SeekCur);
            torn = end < tornBytes || Truncate(_fd, end - tornBytes) != 0;
        }

        return new AppendFailedException(Message(errno), whole, torn);
    }

    /// <summary>Pipes, FIFOs and terminals: one write per line, so a line of up to PIPE_BUF (4 KB) stays whole
    /// next to the gateway's own console output. The descriptor is non-blocking: a reader that stops reading
    /// makes the write wait in slices that watch <paramref name="cancellationToken"/> rather than forever.</summary>
    private void AppendToStream(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Span;
            var offset = 0;
            fixed (byte* start = line)
            {
                while (offset < line.Length)
                {
                    var n = Write(_fd, start + offset, (nuint)(line.Length - offset));
                    if (n == 0)
                    {
                        throw new AppendFailedException(Message(NoSpace), i, tornTail: offset > 0);
                    }

                    if (n > 0)
                    {
                        offset += (int)n;
                        continue;
                    }

                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    if (errno != EAgain)
                    {
                        throw new AppendFailedException(Message(errno), i, tornTail: offset > 0);
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw new AppendFailedException(
                            "the reader stopped reading; gave up at shutdown", i, tornTail: offset > 0);
                    }

                    WaitUntilWritable();
                }
            }
        }
    }

    private void WaitUntilWritable()
    {
        var descriptor = new PollDescriptor { Fd = _fd, Events = PollOut };

        // The result does not matter: the write that follows reports any error, and EAGAIN loops back here.
        Poll(&descriptor, 1, PollSliceMilliseconds);
    }

    // Without statx: RandomAccess refuses handles that cannot seek, which are the pipes and terminals.
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

    private static (int Whole, long TornBytes) Split(IReadOnlyList<ReadOnlyMemory<byte>> lines, long written)
    {
        var whole = 0;
        while (whole < lines.Count && written >= lines[whole].Length)
        {
            written -= lines[whole].Length;
            whole++;
        }

        return (whole, written);
    }

    private static int? StandardStream(string path) => path switch
    {
        "/dev/stdout" or "/proc/self/fd/1" or "/dev/fd/1" => 1,
        "/dev/stderr" or "/proc/self/fd/2" or "/dev/fd/2" => 2,
        _ => null,
    };
}
