namespace Gateway.MockAnthropic.Replies;

/// <summary>Cuts answer text into delta pieces.</summary>
internal static class TextSplitter
{
    /// <summary>One piece per word, each keeping the spaces that follow it, so the pieces join back to the text.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var endsWord = text[i] == ' ' && (i + 1 == text.Length || text[i + 1] != ' ');
            if (endsWord)
            {
                words.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            words.Add(text[start..]);
        }

        return words;
    }

    /// <summary>
    /// Exactly <paramref name="count"/> pieces: words are grouped when there are more words than pieces and the
    /// text is repeated when there are fewer, so a benchmark gets the delta count it asked for.
    /// </summary>
    public static string[] Split(string text, int count)
    {
        var words = Words(text);
        if (count <= 0)
        {
            return [.. words];
        }

        if (words.Count == 0)
        {
            words.Add(".");
        }

        var pieces = new string[count];
        if (count <= words.Count)
        {
            for (var i = 0; i < count; i++)
            {
                var from = i * words.Count / count;
                var to = (i + 1) * words.Count / count;
                pieces[i] = string.Concat(words.GetRange(from, to - from));
            }

            return pieces;
        }

        var last = words[^1];
        var lastWithSpace = last.EndsWith(' ') ? last : last + " ";
        for (var i = 0; i < count; i++)
        {
            var word = words[i % words.Count];
            pieces[i] = ReferenceEquals(word, last) && i + 1 < count ? lastWithSpace : word;
        }

        return pieces;
    }

    /// <summary>Fixed-size cuts that never separate a surrogate pair, for <c>partial_json</c> pieces.</summary>
    public static List<string> Chunks(string text, int size)
    {
        var chunks = new List<string>(text.Length / size + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            chunks.Add(text[start..end]);
            start = end;
        }

        return chunks;
    }
}
