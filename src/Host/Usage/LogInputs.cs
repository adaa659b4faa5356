using System.Globalization;

namespace Gateway.Host.Usage;

/// <summary>
/// Turns the <c>--log</c> arguments into the files to read. A log named without a rotation suffix brings its
/// rotated siblings (logrotate's <c>claude.json.1</c>, <c>claude.json.2.gz</c>, …), oldest first, so one
/// <c>--log /tmp/claude.json</c> covers the whole history that is still on disk.
/// </summary>
internal static class LogInputs
{
    public static IReadOnlyList<LogInput> Resolve(IReadOnlyList<string> logs)
    {
        var inputs = new List<LogInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            if (log == LogInput.StandardInputName)
            {
                if (seen.Add(log))
                {
                    inputs.Add(new LogInput(log, null));
                }

                continue;
            }

            var full = Path.GetFullPath(log);
            if (Directory.Exists(full))
            {
                throw new UsageInputException($"cannot read {full}: it is a folder, not a file-log file");
            }

            var rotated = HasRotationSuffix(full) ? [] : RotatedSiblings(full);
            if (!File.Exists(full) && rotated.Count == 0)
            {
                throw new UsageInputException($"cannot read {full}: no such file");
            }

            foreach (var path in rotated.Append(full).Where(File.Exists))
            {
                if (seen.Add(path))
                {
                    inputs.Add(new LogInput(path, path));
                }
            }
        }

        return inputs;
    }

    /// <summary><c>NAME.N</c> and <c>NAME.N.gz</c> beside <paramref name="path"/>, highest N (oldest) first.</summary>
    private static List<string> RotatedSiblings(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var siblings = new List<(int Generation, string Path)>();
        foreach (var candidate in Directory.EnumerateFiles(folder, name + ".*"))
        {
            // The pattern's ".*" also matches the file itself (Windows wildcard rules); only NAME.<suffix> is a sibling.
            var candidateName = Path.GetFileName(candidate);
            if (candidateName.Length <= name.Length + 1 || !candidateName.StartsWith(name + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var suffix = candidateName[(name.Length + 1)..];
            if (suffix.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                suffix = suffix[..^3];
            }

            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                siblings.Add((generation, candidate));
            }
        }

        return [.. siblings.OrderByDescending(s => s.Generation).ThenBy(s => s.Path, StringComparer.Ordinal).Select(s => s.Path)];
    }

    private static bool HasRotationSuffix(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var dot = name.LastIndexOf('.');
        return dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
