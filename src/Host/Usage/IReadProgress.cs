namespace Gateway.Host.Usage;

/// <summary>Follows the reading of the inputs, one after the other (a progress bar on a terminal).</summary>
internal interface IReadProgress
{
    void Start(LogInput input);

    /// <param name="position">Bytes of the file read so far (compressed bytes for <c>.gz</c>).</param>
    void Advance(long position);

    void Finish(LogInput input);
}
