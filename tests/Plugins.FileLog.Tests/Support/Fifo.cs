using System.Diagnostics;
using System.Text;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>A named pipe and its reader, which the test starts and stops reading on demand.</summary>
internal sealed class Fifo : IDisposable
{
    private readonly MemoryStream _received = new();
    private readonly ManualResetEventSlim _reading = new(initialState: false);
    private FileStream? _reader;
    private Thread? _thread;

    private Fifo(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the FIFO; nothing has it open yet.</summary>
    public static Fifo Create(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return new Fifo(path);
    }

    /// <summary>Opens the read end without waiting for a writer (a read-write handle stands in while the
    /// read-only one opens) and without reading yet: once the writer side closes, the reader sees end-of-file.</summary>
    public void OpenReader()
    {
        using (new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0))
        {
            _reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
    }

    /// <summary>Starts (or resumes) reading everything that arrives, until end-of-file.</summary>
    public void Read()
    {
        _reading.Set();
        _thread ??= StartThread();
    }

    /// <summary>Reads until at least <paramref name="lines"/> line breaks arrived, then stops reading.</summary>
    public void ReadThenStop(int lines)
    {
        _reading.Set();
        _thread ??= StartThread(stopAfterLines: lines);
    }

    /// <summary>Everything read once the writer closed its end.</summary>
    public string ReadToEnd(TimeSpan patience)
    {
        Read();
        Assert.True(_thread!.Join(patience), "the FIFO's writer never closed it");
        lock (_received)
        {
            return Encoding.UTF8.GetString(_received.ToArray());
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private Thread StartThread(int stopAfterLines = int.MaxValue)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[4096];
            var lines = 0;
            while (true)
            {
                _reading.Wait();
                var n = _reader!.Read(buffer);
                if (n == 0)
                {
                    return;
                }

                lock (_received)
                {
                    _received.Write(buffer, 0, n);
                }

                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                if (lines >= stopAfterLines)
                {
                    stopAfterLines = int.MaxValue;
                    _reading.Reset();
                }
            }
        })
        { IsBackground = true };
        thread.Start();
        return thread;
    }
}
