namespace Gateway.Host.Usage;

/// <summary>One thing to read: a file (plain or <c>.gz</c>) or standard input.</summary>
/// <param name="Path">The full path; null for standard input.</param>
internal sealed record LogInput(string Name, string? Path)
{
    public const string StandardInputName = "-";

    public bool IsGzip => Path is not null && Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's size on disk (compressed for <c>.gz</c>), for progress; null for standard input.</summary>
    public long? Length => Path is null ? null : new FileInfo(Path).Length;
}
