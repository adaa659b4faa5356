using System.Text;
using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>An in-memory "file" whose next append can fail part-way, as a pipe does when its reader goes away
/// mid-line; it keeps the bytes exactly as a real pipe would have passed them on.</summary>
internal sealed class ScriptedAppendFile : IAppendFile
{
    private readonly StringBuilder _text = new();

    private int _linesSeen;

    /// <summary>The entry (counting from 0 over all appends, line breaks written on their own not counted) of which
    /// only the first half is written before the append fails, once.</summary>
    public int? TearEntry { get; set; }

    public string Text => _text.ToString();

    public bool IsDeleted => false;

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Encoding.UTF8.GetString(lines[i].Span);
            if (text != "\n" && _linesSeen++ == TearEntry)
            {
                TearEntry = null;
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
