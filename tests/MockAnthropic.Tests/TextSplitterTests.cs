using Gateway.MockAnthropic.Replies;

namespace Gateway.MockAnthropic.Tests;

public sealed class TextSplitterTests
{
    [Fact]
    public void Words_Text_PiecesJoinBackToText()
    {
        const string Text = "Hello  from the mock. ";

        var words = TextSplitter.Words(Text);

        Assert.Equal(["Hello  ", "from ", "the ", "mock. "], words);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(64)]
    public void Split_Count_ReturnsExactlyThatManyNonEmptyPieces(int count)
    {
        var pieces = TextSplitter.Split(ReplyPlanner.DefaultText, count);

        Assert.Equal(count, pieces.Length);
        Assert.All(pieces, p => Assert.NotEmpty(p));
        if (count <= 6)
        {
            Assert.Equal(ReplyPlanner.DefaultText, string.Concat(pieces));
        }
        else
        {
            Assert.StartsWith(ReplyPlanner.DefaultText + " Hello", string.Concat(pieces), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Chunks_SurrogatePairAtBoundary_StaysTogether()
    {
        var chunks = TextSplitter.Chunks("ab\U0001F600cd", 3);

        Assert.Equal(["ab\U0001F600", "cd"], chunks);
    }
}
