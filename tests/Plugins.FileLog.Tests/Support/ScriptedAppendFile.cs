using System.Text;
using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>An in-memory "file" whose next append can fail part-way, as a pipe does when its reader goes away
/// mid-line; it keeps the bytes exactly as a real pipe would have passed them on.</summary>
internal sealed class ScriptedAppendFile : IAppendFile
{
    private readonly StringBuilder _text = new();

    /// <summary>The next append writes this many whole lines plus half of the following one, then fails.</summary>
    public int? FailAfterWholeLines { get; set; }

    public string Text => _text.ToString();

    public bool IsDeleted => false;

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        var failAfter = FailAfterWholeLines;
        FailAfterWholeLines = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Encoding.UTF8.GetString(lines[i].Span);
            if (i == failAfter)
            {
                _text.Append(text.AsSpan(0, text.Length / 2));
                throw new AppendFailedException("Broken pipe", i, tornTail: true);
            }

            _text.Append(text);
        }
    }

    public void Dispose()
    {
    }
}
