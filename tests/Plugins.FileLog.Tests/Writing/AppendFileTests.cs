using System.IO.Pipes;
using System.Text;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog.Tests.Writing;

public sealed class AppendFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Kinds => ["linux", "portable"];

    public void Dispose() => _directory.Dispose();

    private static IAppendFile? Open(string kind, string path) => kind switch
    {
        "linux" when !LinuxAppendFile.IsSupported => null,
        "linux" => LinuxAppendFile.Open(path),
        _ => PortableAppendFile.Open(path),
    };

    private static void Append(IAppendFile file, params string[] lines) =>
        file.Append([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l + "\n"))], CancellationToken.None);

    [Fact]
    public void Open_OnLinuxX64OrArm64_UsesOAppend()
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.IsType<LinuxAppendFile>(AppendFile.Open(_directory.File("a.log")), exactMatch: true).Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Append_AnotherWriterAppendsBetween_BothLinesKept(string kind)
    {
        var path = _directory.File("a.log");
        using var file = Open(kind, path);
        if (file is null)
        {
            return;
        }

        Append(file, "one", "two");
        File.AppendAllText(path, "other\n");
        Append(file, "three");

        Assert.Equal("one\ntwo\nother\nthree\n", File.ReadAllText(path));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Append_AfterCopyTruncate_WritesAtStartWithoutNulBytes(string kind)
    {
        var path = _directory.File("a.log");
        using var file = Open(kind, path);
        if (file is null)
        {
            return;
        }

        Append(file, "before rotation");
        File.Copy(path, path + ".1");
        using (new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        Append(file, "after");

        Assert.Equal("after\n", File.ReadAllText(path));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Open_MissingDirectory_ThrowsIOExceptionWithReason(string kind)
    {
        var path = _directory.File("missing/a.log");
        if (kind == "linux" && !LinuxAppendFile.IsSupported)
        {
            return;
        }

        var error = Assert.IsAssignableFrom<IOException>(Record.Exception(() => Open(kind, path)));

        Assert.False(string.IsNullOrWhiteSpace(AppendFile.Reason(error)));
        if (kind == "linux")
        {
            Assert.Equal("No such file or directory", AppendFile.Reason(error));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Open_NewFile_CreatedWithoutGroupOrOtherWrite(string kind)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _directory.File("a.log");
        using (var file = Open(kind, path))
        {
            if (file is null)
            {
                return;
            }
        }

        var mode = File.GetUnixFileMode(path);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.True(mode.HasFlag(UnixFileMode.UserWrite));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Append_ToPipe_WritesLikeStdout(string kind)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // What path: /dev/stdout becomes under a container runtime or systemd: a pipe, which cannot seek.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using (var file = Open(kind, $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}"))
        {
            Assert.NotNull(file);
            Append(file, "one", "two");
        }

        pipe.DisposeLocalCopyOfClientHandle();
        using var reader = new StreamReader(pipe);
        Assert.Equal("one\ntwo\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Append_ToPipeNobodyReads_WaitsOnlyUntilCancelledAndSaysWhatLanded()
    {
        if (!LinuxAppendFile.IsSupported)
        {
            return;
        }

        // /dev/stdout under a container runtime whose reader stopped: the pipe fills and a write would block.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var file = LinuxAppendFile.Open($"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}");
        var line = Encoding.UTF8.GetBytes(new string('x', 1023) + "\n");
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<AppendFailedException>(
            () => Task.Run(() => file.Append([.. Enumerable.Repeat((ReadOnlyMemory<byte>)line, 1000)], giveUp.Token))
                .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(error.WholeLines, 1, 999);
        Assert.False(error.TornTail, "lines under PIPE_BUF go into a pipe whole or not at all");
        Assert.Contains("reader stopped reading", error.Message, StringComparison.Ordinal);
    }
}
