namespace Gateway.Plugins.Tests.Streaming;

public sealed class BodyChunkTests
{
    [Fact]
    public void Reset_NewChunk_ClearsModificationAndCarriesEndOfStream()
    {
        var chunk = new BodyChunk();
        chunk.Replace(new byte[] { 1 });

        chunk.Reset(new byte[] { 7, 8 }, isEndOfStream: true);

        Assert.False(chunk.IsModified);
        Assert.True(chunk.IsEndOfStream);
        Assert.Equal(new byte[] { 7, 8 }, chunk.Data.ToArray());
    }

    [Fact]
    public void Replace_ThenSuppress_LastCallWinsAndMarksModified()
    {
        var chunk = new BodyChunk();
        chunk.Reset(new byte[] { 1, 2, 3 }, isEndOfStream: false);

        chunk.Replace(new byte[] { 9 });
        Assert.Equal(new byte[] { 9 }, chunk.Data.ToArray());
        chunk.Suppress();

        Assert.True(chunk.IsModified);
        Assert.True(chunk.Data.IsEmpty);
    }
}
