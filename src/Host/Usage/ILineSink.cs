using System.Buffers;

namespace Gateway.Host.Usage;

/// <summary>Receives the lines of one input.</summary>
internal interface ILineSink
{
    /// <param name="line">The line without its <c>\n</c> (and without a <c>\r</c> before it).</param>
    /// <param name="unterminated">The input ended without a line break after this line.</param>
    void OnLine(ReadOnlySequence<byte> line, bool unterminated);

    /// <summary>A line longer than <see cref="LogLineSplitter.MaxLineBytes"/> was skipped.</summary>
    void OnTooLong();
}
