using System.Diagnostics;
using System.Text;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>A named pipe as the log path, with a reader the test starts and stops: what <c>path: /dev/stdout</c>
/// becomes when the process reading the gateway's output stops reading.</summary>
internal sealed class Fifo : IDisposable
{
    private readonly MemoryStream _received = new();
    private readonly ManualResetEventSlim _reading = new(initialState: false);
    private readonly FileStream _reader;
    private readonly Thread _thread;
    private int _stopAfterLines = int.MaxValue;

    /// <summary>Creates the FIFO and opens its read end without waiting for a writer (a read-write handle stands
    /// in while the read-only one opens). Nothing is read before <see cref="ReadThenStop"/> or <see cref="Read"/>.</summary>
    public Fifo(string path)
    {
        Path = path;
        using (var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0))
        {
            _reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }

        _thread = new Thread(ReadLoop) { IsBackground = true };
        _thread.Start();
    }

    public string Path { get; }

    /// <summary>Reads until at least <paramref name="lines"/> lines arrived, then stops reading.</summary>
    public void ReadThenStop(int lines)
    {
        Volatile.Write(ref _stopAfterLines, lines);
        _reading.Set();
    }

    /// <summary>Reads everything from now on.</summary>
    public void Read()
    {
        Volatile.Write(ref _stopAfterLines, int.MaxValue);
        _reading.Set();
    }

    /// <summary>Everything read, once every writer closed the FIFO (the gateway stopped).</summary>
    public string ReadToEnd(TimeSpan patience)
    {
        Read();
        Assert.True(_thread.Join(patience), "the gateway never closed the FIFO");
        return Encoding.UTF8.GetString(_received.ToArray());
    }

    public void Dispose()
    {
        // Closing the read end also unblocks a writer stuck on a full pipe (EPIPE).
        _reader.Dispose();
        File.Delete(Path);
    }

    private void ReadLoop()
    {
        var buffer = new byte[4096];
        var lines = 0;
        try
        {
            while (true)
            {
                _reading.Wait();
                var n = _reader.Read(buffer);
                if (n == 0)
                {
                    return;
                }

                _received.Write(buffer, 0, n);
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                if (lines >= Volatile.Read(ref _stopAfterLines))
                {
                    _reading.Reset();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The test is over.
        }
    }
}
