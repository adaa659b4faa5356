namespace Gateway.MockAnthropic.Http;

/// <summary>Identifiers shaped like the real API's (<c>msg_01…</c>, <c>toolu_01…</c>, <c>req_011C…</c>).</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Message() => Make("msg_01", 22);

    public static string ToolUse() => Make("toolu_01", 22);

    public static string Request() => Make("req_011C", 20);

    private static string Make(string prefix, int randomChars) =>
        string.Create(prefix.Length + randomChars, prefix, static (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            for (var i = p.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });
}
