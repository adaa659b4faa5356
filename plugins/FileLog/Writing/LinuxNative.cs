using System.Runtime.InteropServices;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// The libc calls <see cref="LinuxAppendFile"/> needs and .NET does not expose: <c>O_APPEND</c>/<c>O_NONBLOCK</c>
/// opens, writes that report how many bytes reached the file before a failure, and the link count of an open
/// file. Constants are the asm-generic values shared by x64 and arm64, hence <see cref="LinuxAppendFile.IsSupported"/>.
/// </summary>
internal static unsafe partial class LinuxNative
{
    public const int OWronly = 0x1;
    public const int OCreat = 0x40;
    public const int ONonblock = 0x800;
    public const int OAppend = 0x400;
    public const int OCloexec = 0x80000;

    public const int EIntr = 4;
    public const int ENxio = 6;
    public const int EAgain = 11;
    public const int NoSpace = 28;

    public const int SeekCur = 1;
    public const int FGetfl = 3;
    public const int FSetfl = 4;
    public const short PollOut = 0x4;

    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxNlink = 0x4;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    // struct statx is the same on every architecture; 256 bytes with room to spare.
    private const int StatxSize = 256;
    private const int StatxNlinkOffset = 16;
    private const int StatxModeOffset = 28;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    public static string Message(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Whether <paramref name="fd"/> is a regular file (not a pipe, FIFO, terminal, socket or device).</summary>
    /// <returns>Null when the C library has no <c>statx</c> (glibc before 2.28).</returns>
    public static bool? IsRegularFile(int fd)
    {
        var buffer = stackalloc byte[StatxSize];
        try
        {
            return Statx(fd, "", AtEmptyPath, StatxType, buffer) == 0
                && (*(ushort*)(buffer + StatxModeOffset) & FileTypeMask) == RegularFile;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The number of names the open file has; 0 once it was deleted. -1 when unknown.</summary>
    public static long LinkCount(int fd)
    {
        var buffer = stackalloc byte[StatxSize];
        try
        {
            return Statx(fd, "", AtEmptyPath, StatxNlink, buffer) == 0 ? *(uint*)(buffer + StatxNlinkOffset) : -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Duplicate(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "writev", SetLastError = true)]
    public static partial nint WriteVector(int fd, IoVector* vectors, int count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Truncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
