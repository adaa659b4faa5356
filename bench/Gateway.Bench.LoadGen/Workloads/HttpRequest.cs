using System.Text;

namespace Gateway.Bench.LoadGen.Workloads;

/// <summary>A request serialized once to the bytes sent on the wire, reused for every send.</summary>
internal static class HttpRequest
{
    public static byte[] Post(string hostPort, string path, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        var head = new StringBuilder();
        head.Append("POST ").Append(path).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(hostPort).Append("\r\n");
        head.Append("Content-Type: application/json\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var request = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(request, 0);
        body.CopyTo(request, headBytes.Length);
        return request;
    }

    public static byte[] Get(string hostPort, string path) =>
        Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {hostPort}\r\n\r\n");
}
