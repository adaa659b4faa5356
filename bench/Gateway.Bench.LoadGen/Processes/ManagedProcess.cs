using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Gateway.Bench.LoadGen.Processes;

/// <summary>
/// A process the harness started (mock, gateway, nginx, Portkey), optionally pinned with <c>taskset</c> (which
/// execs the command, so the pid is the program's own). Output is kept in a bounded tail for error reports. The
/// harness ends only the processes it started, by their id, with their children (nginx workers).
/// </summary>
internal sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _tail = new();
    private readonly Lock _tailLock = new();

    private ManagedProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> args, int? cpu,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (cpu is { } core)
        {
            start.FileName = "taskset";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(core.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var managed = new ManagedProcess(name, process);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    public string OutputTail
    {
        get
        {
            lock (_tailLock)
            {
                return _tail.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailLock)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 16_000)
            {
                _tail.Remove(0, _tail.Length - 8_000);
            }
        }
    }

    /// <summary>Resident set size of the process and its children (nginx workers), in bytes; NaN once gone.</summary>
    public double RssBytes()
    {
        if (HasExited)
        {
            return double.NaN;
        }

        var total = 0.0;
        foreach (var pid in WithChildren(Id))
        {
            total += ReadRss(pid);
        }

        return total;
    }

    private static IEnumerable<int> WithChildren(int pid)
    {
        yield return pid;
        var children = $"/proc/{pid}/task/{pid}/children";
        string text;
        try
        {
            text = File.ReadAllText(children);
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                foreach (var grandchild in WithChildren(child))
                {
                    yield return grandchild;
                }
            }
        }
    }

    /// <summary>VmRSS from /proc/PID/status, in bytes; 0 when the process is gone.</summary>
    public static double ReadRss(int pid) => ReadStatusBytes(pid, "VmRSS:");

    /// <summary>A size field of /proc/PID/status (VmRSS:, VmHWM: the peak RSS), in bytes; 0 when the process is gone.</summary>
    public static double ReadStatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return double.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        _process.Dispose();
    }
}
